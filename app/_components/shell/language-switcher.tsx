"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { availableLocales, localeNames } from "@/server/i18n/config";
import { chooseLanguageAction } from "./language-action";

/** A compact language choice (sign-in pages and the portal); each language is named in itself. */
export function LanguageSwitcher() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center">
      <label htmlFor={id} className="sr-only">
        {t("language")}
      </label>
      <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="pointer-events-none me-1 size-4 text-fg-subtle">
        <circle cx="8" cy="8" r="6.25" stroke="currentColor" strokeWidth="1.25" />
        <path d="M1.75 8h12.5M8 1.75c1.7 1.7 2.5 3.8 2.5 6.25S9.7 12.55 8 14.25C6.3 12.55 5.5 10.45 5.5 8S6.3 3.45 8 1.75Z" stroke="currentColor" strokeWidth="1.25" />
      </svg>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await chooseLanguageAction(next);
            router.refresh();
          });
        }}
        className="h-8 rounded-md border border-transparent bg-transparent px-1.5 text-sm text-fg-muted hover:border-border hover:text-fg focus-visible:border-accent focus-visible:outline-none"
      >
        {availableLocales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
