import type { ControllerDetails } from "./controller.server";

export const PLACEHOLDER = "[nog in te vullen door de gemeente]";

/** The municipality's name, or a visible placeholder until CONTROLLER_NAME is set. */
export function controllerName(details: Pick<ControllerDetails, "name">): string {
  return details.name ?? `De gemeente ${PLACEHOLDER}`;
}

/** The e-mail address as a link, or the placeholder. */
export function ContactEmail({ email }: { email: string | null }) {
  return email ? <a href={`mailto:${email}`}>{email}</a> : <span>{PLACEHOLDER}</span>;
}
