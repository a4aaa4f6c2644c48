"use client";

import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Badge, type BadgeTone } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader } from "@/app/_components/ui/card";
import { Field } from "@/app/_components/ui/field";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { Textarea } from "@/app/_components/ui/textarea";
import { SetSummary } from "./filter-parts";

type Run = RouterOutputs["adminConfig"]["filterDryRun"];
const TONES: Record<string, BadgeTone> = { matched: "success", no_match: "neutral", not_reached: "neutral", disabled: "neutral" };

/** Paste a message, see which filters match it and what it would get; nothing is stored. */
export function DryRun() {
  const t = useTranslations("adminConfig.filters.dryRun");
  const trpc = useTRPC();
  const errorOf = useAdminError();
  const headingId = useId();
  const [raw, setRaw] = useState("");
  const run = useMutation(trpc.adminConfig.filterDryRun.mutationOptions());
  const error = run.error ? errorOf(run.error) : null;
  return (
    <Card as="section" aria-labelledby={headingId}>
      <CardHeader title={t("title")} titleId={headingId} description={t("description")} />
      <CardBody className="space-y-4">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate({ raw });
          }}
        >
          <Field label={t("message")} error={error?.fields.raw} hint={t("messageHint")}>
            <Textarea value={raw} onChange={(e) => setRaw(e.target.value)} rows={8} className="font-mono text-xs" spellCheck={false} />
          </Field>
          <Button type="submit" loading={run.isPending} disabled={!raw.trim()}>
            {t("run")}
          </Button>
        </form>
        {error && !error.fields.raw && <Alert tone="danger">{error.message}</Alert>}
        {run.data && <Result run={run.data} />}
      </CardBody>
    </Card>
  );
}

function Result({ run }: { run: Run }) {
  const t = useTranslations("adminConfig.filters.dryRun");
  const tFilters = useTranslations("adminConfig.filters");
  return (
    <div className="space-y-4" aria-live="polite">
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-fg-muted">{t("subject")}</dt>
        <dd>{run.message.subject || "—"}</dd>
        <dt className="text-fg-muted">{t("from")}</dt>
        <dd>{run.message.from ?? "—"}</dd>
        <dt className="text-fg-muted">{t("to")}</dt>
        <dd>{run.message.to.join(", ") || "—"}</dd>
      </dl>
      {run.matched.length === 0 ? (
        <Alert tone="info" title={t("noneMatched")}>
          {t("noneMatchedHint")}
        </Alert>
      ) : run.result.ignore ? (
        <Alert tone="warning" title={t("wouldIgnore", { filters: run.matched.join(", ") })} />
      ) : (
        <Alert tone="success" title={t("wouldSet", { filters: run.matched.join(", ") })}>
          <SetSummary names={run.result.setNames} />
          {run.stoppedBy && <p>{t("stoppedBy", { name: run.stoppedBy })}</p>}
        </Alert>
      )}
      {run.filters.length > 0 && (
        <Table caption={t("perFilter")} dense>
          <THead>
            <tr>
              <Th>{tFilters("columns.position")}</Th>
              <Th>{tFilters("columns.name")}</Th>
              <Th>{t("outcome")}</Th>
              <Th>{t("conditions")}</Th>
              <Th>{tFilters("columns.set")}</Th>
            </tr>
          </THead>
          <TBody>
            {run.filters.map((f) => (
              <Tr key={f.id} data-testid={`dry-run-${f.id}`}>
                <Td numeric>{f.position}</Td>
                <Td className="font-medium">{f.name}</Td>
                <Td>
                  <Badge tone={TONES[f.outcome] ?? "neutral"} dot size="sm">
                    {t(`outcomes.${f.outcome as "matched"}`)}
                  </Badge>
                </Td>
                <Td>
                  <ul className="space-y-0.5 text-xs">
                    {f.conditions.map((c, i) => (
                      <li key={i}>
                        <span aria-hidden="true">{c.hit ? "✓ " : "✗ "}</span>
                        <span className="sr-only">{c.hit ? t("hit") : t("miss")} </span>
                        <span className="font-medium">{c.field}</span> {tFilters(c.negate ? (c.regex ? "notMatches" : "notContains") : c.regex ? "matches" : "contains")} <code className="break-all">{c.pattern}</code>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td>
                  <SetSummary names={f.setNames} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
