import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";

/** notFound() inside an area: keeps the area's shell and points back to the list. */
export function TicketNotFound({ area }: { area: "agent" | "portal" }) {
  const t = useTranslations();
  return (
    <div className="py-8">
      <h1 className="sr-only">{t("errors.ticketNotFoundTitle")}</h1>
      <EmptyState
        titleAs="h2"
        title={t("errors.ticketNotFoundTitle")}
        description={t("errors.ticketNotFound")}
        action={
          area === "agent" ? (
            <Button href="/agent/tickets">{t("ticket.backToList")}</Button>
          ) : (
            <Button href="/portal/tickets">{t("ticket.backToMyTickets")}</Button>
          )
        }
      />
    </div>
  );
}
