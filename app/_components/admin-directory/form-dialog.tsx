// Until the notification rules screen (rewritten in parallel) moves onto the admin kit: its old import path.
export { FormDialog } from "@/app/_components/admin-kit/form-dialog";
