// Until the notification rules screen (rewritten in parallel) moves onto the admin kit: its old import path.
export { adminListInput as configListInput } from "@/app/_components/admin-kit/list-input";
