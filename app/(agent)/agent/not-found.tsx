import { TicketNotFound } from "@/app/_components/tickets/ticket-not-found";

export default function AgentNotFound() {
  return <TicketNotFound area="agent" />;
}
