import { notifyAgentsOf } from "@/server/services/notifications/agents";
import { handleJob } from "../handle";
import { notifyAgents } from "../definitions/notify-agents";

export const notifyAgentsHandler = handleJob(notifyAgents, (db, payload) => notifyAgentsOf(db, payload));
