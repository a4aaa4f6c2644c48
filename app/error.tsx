"use client";

import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";

/** Catches render errors below the root layout; never shows the error's text to users. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errors");
  const tCommon = useTranslations("common");
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main id="main" tabIndex={-1} className="flex min-h-[60dvh] items-center justify-center px-4 py-16 outline-none">
      <div role="alert" className="flex max-w-md flex-col items-center text-center">
        <span
          aria-hidden="true"
          className="mb-5 flex size-11 items-center justify-center rounded-full bg-danger-subtle text-danger-text ring-1 ring-danger/20"
        >
          <svg viewBox="0 0 20 20" fill="none" className="size-5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
            <path d="M10 6.5v4.25M10 13.5h.01" />
            <path strokeLinejoin="round" d="M8.7 3.25a1.5 1.5 0 0 1 2.6 0l6 10.5A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.3-2.25l6-10.5Z" />
          </svg>
        </span>
        <h1 className="text-xl font-semibold tracking-tight text-fg">{t("genericTitle")}</h1>
        <p className="mt-2 text-sm text-pretty text-fg-muted">{t("generic")}</p>
        {digest && <p className="mt-3 font-mono text-xs text-fg-subtle">{t("reference", { digest })}</p>}
        <div className="mt-7 flex flex-wrap justify-center gap-2">
          <Button onClick={() => retry()}>{tCommon("retry")}</Button>
          <Button href="/" variant="secondary">
            {t("goHome")}
          </Button>
        </div>
      </div>
    </main>
  );
}
