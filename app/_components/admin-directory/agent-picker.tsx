// Until the notification rules screen (rewritten in parallel) moves onto the admin kit: its old import path.
export { AgentPicker, type PickedAgent } from "@/app/_components/admin-kit/agent-picker";
