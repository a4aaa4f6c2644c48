import { sendAutoResponse } from "@/server/services/notifications/auto-response";
import { handleJob } from "../handle";
import { autoRespond } from "../definitions/auto-respond";

export const autoRespondHandler = handleJob(autoRespond, (db, payload) => sendAutoResponse(db, payload));
