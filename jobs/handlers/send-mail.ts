import { deliver } from "@/server/mail/transport";
import { handleJob } from "../handle";
import { sendMail } from "../definitions/send-mail";

export const sendMailHandler = handleJob(sendMail, (db, { outboxId }) => deliver(db, outboxId));
