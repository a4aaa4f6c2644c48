import { redirect } from "next/navigation";

export default function AgentHome() {
  redirect("/agent/tickets");
}
