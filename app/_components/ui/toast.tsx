"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { cn } from "./cn";

export type ToastTone = "info" | "success" | "warning" | "danger";

export type ToastOptions = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it hides; 0 keeps it until dismissed. Default 5000 (10000 for danger). */
  duration?: number;
};

type ToastItem = Required<Omit<ToastOptions, "description">> & { id: number; description?: string };

type ToastApi = {
  toast: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
};

const ToastContext = createContext<ToastApi | null>(null);
const MAX_VISIBLE = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  const toast = useCallback((options: ToastOptions) => {
    const id = nextId.current++;
    const tone = options.tone ?? "info";
    const duration = options.duration ?? (tone === "danger" ? 10_000 : 5_000);
    setItems((current) => [...current, { ...options, id, tone, duration }].slice(-MAX_VISIBLE));
    return id;
  }, []);

  const api = useMemo(() => ({ toast, dismiss }), [toast, dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      {/* A live log, not a landmark: its name is the bell panel's too, and two landmarks must not share one. */}
      <section
        role="log"
        aria-label={t("notifications")}
        aria-live="polite"
        className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:start-auto sm:end-4 sm:w-96"
      >
        {items.map((item) => (
          <Toast key={item.id} item={item} onDismiss={dismiss} dismissLabel={t("dismiss")} />
        ))}
      </section>
    </ToastContext>
  );
}

/** `const { toast } = useToast(); toast({ title: t("ticket.updatedToast"), tone: "success" })` */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() must be used inside <ToastProvider>");
  return api;
}

const toneStyles: Record<ToastTone, string> = {
  info: "bg-accent",
  success: "bg-success",
  warning: "bg-warning",
  danger: "bg-danger",
};

function Toast({
  item,
  onDismiss,
  dismissLabel,
}: {
  item: ToastItem;
  onDismiss: (id: number) => void;
  dismissLabel: string;
}) {
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (item.duration === 0 || paused) return;
    const timer = setTimeout(() => onDismiss(item.id), item.duration);
    return () => clearTimeout(timer);
  }, [item.id, item.duration, paused, onDismiss]);

  return (
    <div
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex w-full items-start gap-3 overflow-hidden rounded-lg border border-border bg-surface py-3 ps-3 pe-2 text-sm text-fg shadow-lg motion-safe:animate-toast-in"
    >
      <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", toneStyles[item.tone])} />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{item.title}</p>
        {item.description && <p className="mt-0.5 text-fg-muted">{item.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        aria-label={dismissLabel}
        className="-my-1 rounded-md p-1.5 text-fg-subtle hover:bg-surface-hover hover:text-fg"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="size-3.5">
          <path d="m4 4 8 8m0-8-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
