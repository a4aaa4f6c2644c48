import { useEffect, useRef } from "react";

/**
 * After a failed submit, moves focus to the first invalid control (or the
 * error alert) so keyboard and screen-reader users land on what to fix.
 */
export function useFocusFirstInvalid<T extends HTMLElement>(state: unknown) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    if (!target) return;
    if (target.getAttribute("role") === "alert") target.setAttribute("tabindex", "-1");
    target.focus();
  }, [state]);
  return ref;
}
