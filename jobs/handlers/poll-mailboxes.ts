import { pollAllMailboxes } from "@/server/mail/poll";
import { handleJob } from "../handle";
import { pollMailboxes } from "../definitions/poll-mailboxes";

export const pollMailboxesHandler = handleJob(pollMailboxes, (db, { accountId }) => pollAllMailboxes(db, { accountId }));
