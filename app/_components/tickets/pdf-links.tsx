"use client";

import { useTranslations } from "next-intl";
import { buttonStyles } from "@/app/_components/ui/button";

function PdfIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 1.75h5.5L13 5.25v9H4z" />
      <path d="M9.5 1.75v3.5H13M6.5 9.5l2 2 2-2M8.5 11.5V7" />
    </svg>
  );
}

/**
 * A plain download link (not a client-side navigation): the browser saves what the route
 * handler answers, and a refusal (404) shows as a failed download, never as a page.
 */
function PdfLink({ href, label, primary }: { href: string; label: string; primary?: boolean }) {
  return (
    <a href={href} download className={buttonStyles({ variant: primary ? "secondary" : "ghost", size: "sm" })}>
      <PdfIcon />
      {label}
    </a>
  );
}

/** The zoom's "Print / PDF" (and with the history), for agents. */
export function TicketPdfLinks({ ticketId }: { ticketId: number }) {
  const t = useTranslations("pdf.action");
  return (
    <span className="inline-flex flex-wrap gap-1">
      <PdfLink href={`/api/pdf/tickets/${ticketId}`} label={t("print")} primary />
      <PdfLink href={`/api/pdf/tickets/${ticketId}?history=1`} label={t("printHistory")} />
    </span>
  );
}

/** The portal's download of the customer's own ticket (public messages only: the server decides). */
export function PortalPdfLink({ ticketId }: { ticketId: number }) {
  const t = useTranslations("pdf.action");
  return <PdfLink href={`/api/pdf/tickets/${ticketId}`} label={t("download")} primary />;
}

/** The list's bulk selection as one PDF, or as a ZIP of one PDF per ticket. */
export function BulkPdfLinks({ ticketIds }: { ticketIds: number[] }) {
  const t = useTranslations("pdf.action");
  const ids = ticketIds.join(",");
  return (
    <span className="inline-flex flex-wrap gap-1 pb-0.5">
      <PdfLink href={`/api/pdf/tickets?ids=${ids}&format=pdf`} label={t("bulkPdf")} />
      <PdfLink href={`/api/pdf/tickets?ids=${ids}&format=zip`} label={t("bulkZip")} />
    </span>
  );
}
