import type { ButtonHTMLAttributes, MouseEvent } from "react";

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & {
  /** True while this form's post is under way: a second click does nothing. */
  busy: boolean;
};

/**
 * A form's submit button. While the post is under way it is aria-disabled rather
 * than disabled, so it keeps keyboard focus and screen readers still find it by
 * its name; the click (and Enter in a field, which clicks it) is swallowed instead.
 * `disabled` stays for a button that cannot be used at all (an archived edition).
 */
export function SubmitButton({ busy, className = "button", onClick, children, ...rest }: Props) {
  const guard = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button type="submit" className={className} aria-disabled={busy || undefined} onClick={guard} {...rest}>
      {children}
    </button>
  );
}
