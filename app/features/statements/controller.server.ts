import { getEnv } from "~/utils/env.server";

/** Who is responsible for the platform (from the environment; see README, "Configuration"). */
export function controllerDetails() {
  const env = getEnv();
  return {
    name: env.CONTROLLER_NAME ?? null,
    email: env.CONTROLLER_EMAIL ?? null,
    phone: env.CONTROLLER_PHONE ?? null,
    dpoEmail: env.DPO_EMAIL ?? null,
    retentionMonths: env.RETENTION_MONTHS,
  };
}
export type ControllerDetails = ReturnType<typeof controllerDetails>;
