"use client";

import { useId, useState, useSyncExternalStore, type ReactNode } from "react";
import { cn } from "./cn";

const WIDE = "(min-width: 1024px)";
const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Whether the window is wide enough for side panels (Tailwind's `lg`); the server assumes it is. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(WIDE).matches, () => true);
}

/**
 * A panel a person can fold away (filters, the queue tree): open on wide screens and folded on
 * phones until asked for, so the list comes first. The toggle says how many things are set inside.
 */
export function Collapsible({ label, badge, children, className }: { label: string; badge?: ReactNode; children: ReactNode; className?: string }) {
  const wide = useWideScreen();
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? wide;
  const id = useId();
  return (
    <div className={cn("min-w-0", className)}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setChosen(!open)}
        className="mb-2 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-sm font-medium text-fg-muted hover:bg-surface-hover hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
      >
        <svg aria-hidden viewBox="0 0 16 16" className={cn("size-3.5 transition-transform motion-reduce:transition-none", open ? "rotate-90" : "rtl:-scale-x-100")}>
          <path d="M6 3l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {label}
        {badge}
      </button>
      <div id={id} hidden={!open} className="min-w-0">
        {children}
      </div>
    </div>
  );
}
