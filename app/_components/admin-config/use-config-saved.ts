// Until the notification rules screen (rewritten in parallel) moves onto the admin kit: its old import path.
export { useSaved as useConfigSaved } from "@/app/_components/admin-kit/use-saved";
