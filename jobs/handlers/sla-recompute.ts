import { recomputeGoverned } from "@/server/services/sla/recompute";
import { handleJob } from "../handle";
import { slaRecompute } from "../definitions/sla-recompute";

export const slaRecomputeHandler = handleJob(slaRecompute, (db, payload) => recomputeGoverned(db, payload));
