import { createCallerFactory, router } from "./init";
import { articleRouter } from "./routers/article";
import { metaRouter } from "./routers/meta";
import { ticketRouter } from "./routers/ticket";

export const appRouter = router({
  ticket: ticketRouter,
  article: articleRouter,
  meta: metaRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
