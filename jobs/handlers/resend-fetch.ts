import { fetchReceivedEmail, fetchReceivedEmails } from "@/server/mail/resend";
import { handleJob } from "../handle";
import { resendFetch } from "../definitions/resend-fetch";

// A batch of fetches is read from Resend at once and written a few messages per transaction
// (fetchReceivedEmails); two batches in flight keep one's writes overlapping the other's reads.
export const resendFetchHandler = handleJob(resendFetch, (db, { emailId }) => fetchReceivedEmail(db, emailId), {
  runMany: (db, payloads) => fetchReceivedEmails(db, payloads.map((p) => p.emailId)),
  batchesInFlight: 2,
});
