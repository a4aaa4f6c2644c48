"use client";

import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { Button } from "./button";
import { THEME_CHANGE_EVENT, THEME_STORAGE_KEY, type ThemeChoice } from "./theme-script";

const order: readonly ThemeChoice[] = ["system", "light", "dark"];

/** Cycles system → light → dark; the choice lives in localStorage and <html data-theme>. */
export function ThemeToggle({ className }: { className?: string }) {
  const t = useTranslations("common.theme");
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as const);
  const next = order[(order.indexOf(theme) + 1) % order.length] ?? "system";

  return (
    <Button
      variant="ghost"
      size="icon-sm"
      className={className}
      aria-label={t("switchTo", { current: t(theme), next: t(next) })}
      title={`${t("label")}: ${t(theme)}`}
      onClick={() => applyTheme(next)}
    >
      <ThemeIcon theme={theme} />
    </Button>
  );
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(THEME_CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(THEME_CHANGE_EVENT, onChange);
  };
}

function readTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function applyTheme(theme: ThemeChoice) {
  const root = document.documentElement;
  try {
    if (theme === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Private mode or blocked storage: the choice still applies to this page.
  }
  if (theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", theme);
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

function ThemeIcon({ theme }: { theme: ThemeChoice }) {
  const common = {
    "aria-hidden": true,
    viewBox: "0 0 20 20",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.5,
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    className: "size-[18px]",
  };
  if (theme === "light") {
    return (
      <svg {...common}>
        <circle cx="10" cy="10" r="3.25" />
        <path d="M10 2.5v1.5M10 16v1.5M2.5 10H4M16 10h1.5M4.7 4.7l1.06 1.06M14.24 14.24l1.06 1.06M4.7 15.3l1.06-1.06M14.24 5.76l1.06-1.06" />
      </svg>
    );
  }
  if (theme === "dark") {
    return (
      <svg {...common}>
        <path d="M16.5 12.2A6.75 6.75 0 0 1 7.8 3.5a6.75 6.75 0 1 0 8.7 8.7Z" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="2.75" y="3.5" width="14.5" height="10" rx="1.5" />
      <path d="M7 16.5h6M10 13.5v3" />
    </svg>
  );
}
