import { TicketNotFound } from "@/app/_components/tickets/ticket-not-found";

export default function PortalNotFound() {
  return <TicketNotFound area="portal" />;
}
