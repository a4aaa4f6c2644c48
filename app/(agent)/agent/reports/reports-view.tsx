"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";
import type { BuilderDefinition } from "@/server/schemas/reports";
import { BuilderPanel } from "./builder-panel";
import { BuiltinPanel } from "./builtin-panel";
import { SavedPanel } from "./saved-panel";

const TABS = ["builtin", "builder", "saved"] as const;
type Tab = (typeof TABS)[number];

/** Built-in reports, the builder and saved (scheduled) reports, one tab each. */
export function ReportsView() {
  const t = useTranslations("reports.tabs");
  const [tab, setTab] = useState<Tab>("builtin");
  const [opened, setOpened] = useState<{ id: number; name: string; shared: boolean; definition: BuilderDefinition } | null>(null);
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("builtin")} className="flex flex-wrap gap-1 border-b border-border">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`reports-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`reports-panel-${name}`}
            onClick={() => setTab(name)}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", tab === name ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg")}
          >
            {t(name)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`reports-panel-${tab}`} aria-labelledby={`reports-tab-${tab}`}>
        {tab === "builtin" && <BuiltinPanel />}
        {tab === "builder" && <BuilderPanel key={opened?.id ?? "new"} opened={opened} onSaved={() => setTab("saved")} />}
        {tab === "saved" && (
          <SavedPanel
            onOpen={(r) => {
              setOpened(r);
              setTab("builder");
            }}
          />
        )}
      </div>
    </div>
  );
}
