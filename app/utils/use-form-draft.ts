import { useEffect, type RefObject } from "react";

/** Typing is saved at most this often. */
const SAVE_EVERY_MS = 500;

/** Never kept, whatever the form: passwords and one-time values. */
const NEVER_STORED = /password|wachtwoord|confirm|token|csrf/i;

function storedFields(form: HTMLFormElement): Array<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> {
  return Array.from(form.elements).filter(
    (el): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      Boolean(el.name) &&
      !NEVER_STORED.test(el.name) &&
      !(el instanceof HTMLInputElement && ["password", "hidden", "file", "submit"].includes(el.type)) &&
      !(el instanceof HTMLInputElement && el.readOnly),
  );
}

/** Sets a value the way typing does, so React's onChange (a counter, say) sees it. */
function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value")?.set;
  setter?.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

/**
 * Keeps what someone typed in a long form in sessionStorage (this tab only), so a reload
 * or a lost connection does not cost the work. Restored only when the server sent no
 * values of its own (`restore` false after a refused post). Passwords are never stored.
 */
export function useFormDraft(formRef: RefObject<HTMLFormElement>, key: string, restore: boolean) {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const storageKey = `concept:${key}`;
    if (restore) {
      try {
        const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as Record<string, string> | null;
        if (saved) {
          for (const el of storedFields(form)) {
            if (typeof saved[el.name] === "string" && saved[el.name] !== el.value) setNativeValue(el, saved[el.name]);
          }
        }
      } catch {
        sessionStorage.removeItem(storageKey);
      }
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      timer = null;
      const values = Object.fromEntries(storedFields(form).map((el) => [el.name, el.value]));
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(values));
      } catch {
        // Storage full or refused: the form still works, only without a draft.
      }
    };
    const schedule = () => {
      timer ??= setTimeout(save, SAVE_EVERY_MS);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    return () => {
      form.removeEventListener("input", schedule);
      form.removeEventListener("change", schedule);
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
  }, [formRef, key, restore]);
}

/** Forgets a form's draft, after it was sent successfully. */
export function clearFormDraft(key: string) {
  try {
    sessionStorage.removeItem(`concept:${key}`);
  } catch {
    // Nothing stored.
  }
}

/** Forgets every draft whose key starts with `prefix` (a registration sent from another page). */
export function clearFormDraftsStartingWith(prefix: string) {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(`concept:${prefix}`)) sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
