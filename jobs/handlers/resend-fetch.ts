import { fetchReceivedEmail } from "@/server/mail/resend";
import { handleJob } from "../handle";
import { resendFetch } from "../definitions/resend-fetch";

export const resendFetchHandler = handleJob(resendFetch, (db, { emailId }) => fetchReceivedEmail(db, emailId));
