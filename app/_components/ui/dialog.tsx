"use client";

import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslations } from "next-intl";
import { Button } from "./button";
import { cn } from "./cn";

export type DialogProps = {
  open: boolean;
  /** Called on Esc, the close button, a backdrop click (if dismissible) or <form method="dialog">. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Action buttons, laid out at the end of the footer. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Close when the backdrop is clicked. Default true; turn off while saving. */
  dismissible?: boolean;
  className?: string;
};

const sizes = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-2xl" } as const;

/**
 * Modal dialog on the native <dialog>: showModal() gives the focus trap,
 * inert background and Esc handling; focus returns to the opener on close.
 * Content is mounted only while open, so forms inside start fresh each time.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
  dismissible = true,
  className,
}: DialogProps) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const pressedOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();
  const body = useRef<HTMLDivElement>(null);
  const scrolls = useOverflows(body, open);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
      onPointerDown={(event) => {
        pressedOnBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (dismissible && pressedOnBackdrop.current && event.target === event.currentTarget) onClose();
      }}
      className={cn(
        "m-auto max-h-[min(85dvh,48rem)] w-[calc(100%-2rem)] overflow-hidden rounded-xl border border-border",
        "bg-surface p-0 text-fg shadow-lg open:flex open:flex-col",
        sizes[size],
        className,
      )}
    >
      {open && (
        <>
          <div className="flex items-start gap-3 px-5 pt-5 pb-3">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-base font-semibold text-fg">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="mt-1 text-sm text-fg-muted">
                  {description}
                </p>
              )}
            </div>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={t("close")}
              className="-me-1.5 -mt-1"
              onClick={onClose}
              disabled={!dismissible}
            >
              <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="size-4">
                <path d="m4 4 8 8m0-8-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
              </svg>
            </Button>
          </div>
          {/* Content taller than the dialog scrolls; the keyboard must reach it then (WCAG 2.1.1), text-only content included. */}
          <div
            ref={body}
            {...(scrolls ? { tabIndex: 0, role: "region", "aria-labelledby": titleId } : {})}
            className="min-h-0 flex-1 overflow-y-auto px-5 pb-5 text-sm focus-visible:-outline-offset-2"
          >
            {children}
          </div>
          {footer && (
            <div className="flex flex-wrap items-center justify-end gap-2 border-t border-border bg-surface-muted px-5 py-3">
              {footer}
            </div>
          )}
        </>
      )}
    </dialog>
  );
}

/** Whether the element's content is taller than the element, kept up to date as either changes size. */
function useOverflows(ref: RefObject<HTMLElement | null>, active: boolean): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!active || !element) return;
    const measure = () => setOverflows(element.scrollHeight > element.clientHeight + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, [ref, active]);
  return overflows;
}
