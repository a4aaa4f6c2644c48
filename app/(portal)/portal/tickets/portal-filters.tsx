"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_components/ui/cn";
import { portalFiltersToHref, TEXT_MAX, type PortalFilters, type PortalScope, type PortalStatus } from "./portal-list-params";

/**
 * Search, state and (for customers allowed to) whose tickets. The search box updates the URL as the
 * customer pauses typing, without a server round trip; the switches are plain links, so they work
 * before the page's script has loaded.
 */
export function PortalFilterBar({ filters, canSeeCompany }: { filters: PortalFilters; canSeeCompany: boolean }) {
  const t = useTranslations("portalList");
  const tFilters = useTranslations("tickets.filters");
  const [text, setText] = useState(filters.text);
  // A link (Clear search, Back) may change the URL's text: the box follows it.
  const [urlText, setUrlText] = useState(filters.text);
  if (urlText !== filters.text) {
    setUrlText(filters.text);
    if (normalize(text) !== filters.text) setText(filters.text);
  }

  const { status, scope } = filters;
  useEffect(() => {
    const next = normalize(text);
    if (next === urlText) return;
    // Next.js keeps useSearchParams in step with history.replaceState: the list refetches, the page does not.
    const timer = setTimeout(() => window.history.replaceState(null, "", portalFiltersToHref({ status, scope, text: next })), 300);
    return () => clearTimeout(timer);
  }, [text, urlText, status, scope]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = normalize(text);
    if (next !== urlText) window.history.replaceState(null, "", portalFiltersToHref({ status, scope, text: next }));
  };

  const statuses: PortalStatus[] = ["open", "closed", "all"];
  const scopes: PortalScope[] = ["own", "company"];
  return (
    <section aria-label={t("filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-xs">
      <form role="search" action="/portal/tickets" onSubmit={submit} className="min-w-56 flex-1">
        {filters.status !== "open" && <input type="hidden" name="status" value={filters.status} />}
        {filters.scope !== "own" && <input type="hidden" name="scope" value={filters.scope} />}
        <Field label={t("search")} hint={t("searchHint")}>
          <Input type="search" name="q" value={text} maxLength={TEXT_MAX} autoComplete="off" spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </Field>
      </form>
      <Switch
        label={tFilters("show")}
        choices={statuses.map((status) => ({ key: status, label: tFilters(status), href: portalFiltersToHref({ ...filters, text, status }), current: status === filters.status }))}
      />
      {canSeeCompany && (
        <Switch
          label={t("scopeLabel")}
          choices={scopes.map((scope) => ({ key: scope, label: t(`scope.${scope}`), href: portalFiltersToHref({ ...filters, text, scope }), current: scope === filters.scope }))}
        />
      )}
    </section>
  );
}

function Switch({ label, choices }: { label: string; choices: { key: string; label: string; href: string; current: boolean }[] }) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex h-9 items-center rounded-lg border border-border bg-surface-muted p-0.5">
        {choices.map((choice) => (
          <li key={choice.key}>
            <Link
              href={choice.href}
              scroll={false}
              aria-current={choice.current ? "page" : undefined}
              className={cn(
                "inline-flex h-7 items-center rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors focus-visible:ring-3 focus-visible:ring-ring/40 focus-visible:outline-none",
                choice.current ? "bg-surface text-fg shadow-xs ring-1 ring-border" : "text-fg-muted hover:text-fg",
              )}
            >
              {choice.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const normalize = (value: string) => value.trim().slice(0, TEXT_MAX);
