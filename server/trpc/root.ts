import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { adminConfigRouter } from "./routers/admin-config";
import { adminDirectoryRouter } from "./routers/admin-directory";
import { adminMailRouter } from "./routers/admin-mail";
import { articleRouter } from "./routers/article";
import { metaRouter } from "./routers/meta";
import { notificationRouter } from "./routers/notification";
import { ticketRouter } from "./routers/ticket";
import { uploadRouter } from "./routers/upload";

export const appRouter = router({
  ticket: ticketRouter,
  article: articleRouter,
  meta: metaRouter,
  account: accountRouter,
  upload: uploadRouter,
  adminConfig: adminConfigRouter,
  adminDirectory: adminDirectoryRouter,
  adminMail: adminMailRouter,
  notification: notificationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
