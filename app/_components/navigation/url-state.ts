"use client";

/**
 * Filters that live in the address are written with the History API (Next.js keeps
 * useSearchParams in step, so a list refetches without a server round trip). Such a write may be
 * debounced; landing after the person followed a link away, it would undo that navigation. So
 * once a plain click on a link to another page (or `markLeaving`) starts a navigation, writes for
 * the page being left are dropped; the next page, or a return by the browser's Back button,
 * writes again.
 */
let leftFrom: string | null = null;

if (typeof document !== "undefined") {
  document.addEventListener(
    "click",
    (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (link instanceof HTMLAnchorElement && link.target !== "_blank" && link.origin === window.location.origin && link.pathname !== window.location.pathname) markLeaving();
    },
    true,
  );
  window.addEventListener("popstate", () => {
    leftFrom = null;
  });
}

/** A navigation away from this page has begun (e.g. `router.push` from a keyboard shortcut). */
export function markLeaving() {
  leftFrom = window.location.pathname;
}

/** Writes the address's query for the current page, unless the person is leaving it. */
export function setUrlState(url: string, mode: "push" | "replace" = "push") {
  if (leftFrom !== null && leftFrom === window.location.pathname) return;
  leftFrom = null;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}
