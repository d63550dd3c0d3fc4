import { useEffect, useRef, type ReactNode } from "react";

export type NoticeTone = "success" | "error" | "info";

/**
 * A short message above or in a form. A confirmation is a polite live region
 * (role="status"), a refusal an assertive one (role="alert"); a standing remark
 * ("this edition is archived") is read in its place and announced by neither.
 */
const TONES: Record<NoticeTone, { className: string; role?: "status" | "alert" }> = {
  success: { className: "notice notice--success", role: "status" },
  error: { className: "notice", role: "alert" },
  info: { className: "notice" },
};

/**
 * `takeFocus`: for a confirmation that replaces the form it answers, so keyboard focus does
 * not fall back to the top of the page with the button that disappeared.
 */
export function Notice({ tone, takeFocus, children }: { tone: NoticeTone; takeFocus?: boolean; children: ReactNode }) {
  const { className, role } = TONES[tone];
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus]);
  return (
    <p className={className} role={role} ref={ref} tabIndex={takeFocus ? -1 : undefined}>
      {children}
    </p>
  );
}
