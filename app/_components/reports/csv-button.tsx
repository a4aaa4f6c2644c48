"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { downloadText } from "./download";

/** A button that fetches a CSV (a report, the ticket list) and saves it. */
export function CsvButton({ fetch, label }: { fetch: () => Promise<{ filename: string; csv: string }>; label?: string }) {
  const t = useTranslations("reports.form");
  const { toast } = useToast();
  const errorInfo = useErrorInfo();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { filename, csv } = await fetch();
      downloadText(filename, csv);
    } catch (error) {
      toast({ tone: "danger", title: errorInfo(error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="secondary" size="sm" loading={busy} onClick={() => void run()}>
      {label ?? t("exportCsv")}
    </Button>
  );
}
