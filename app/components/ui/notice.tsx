import type { ReactNode } from "react";

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

export function Notice({ tone, children }: { tone: NoticeTone; children: ReactNode }) {
  const { className, role } = TONES[tone];
  return (
    <p className={className} role={role}>
      {children}
    </p>
  );
}
