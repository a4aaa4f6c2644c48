import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { adminConfigRouter } from "./routers/admin-config";
import { adminDirectoryRouter } from "./routers/admin-directory";
import { adminMailRouter } from "./routers/admin-mail";
import { adminSlaRouter } from "./routers/admin-sla";
import { articleRouter } from "./routers/article";
import { duplicateRouter } from "./routers/duplicate";
import { faqEditorRouter, faqRouter } from "./routers/faq";
import { liveRouter } from "./routers/live";
import { metaRouter } from "./routers/meta";
import { notificationRouter } from "./routers/notification";
import { presenceRouter } from "./routers/presence";
import { reportRouter } from "./routers/report";
import { searchRouter } from "./routers/search";
import { templateRouter } from "./routers/template";
import { ticketRouter } from "./routers/ticket";
import { uploadRouter } from "./routers/upload";
import { dashboardRouter, queueRouter, savedSearchRouter } from "./routers/workspace";

export const appRouter = router({
  ticket: ticketRouter,
  article: articleRouter,
  meta: metaRouter,
  account: accountRouter,
  upload: uploadRouter,
  adminConfig: adminConfigRouter,
  adminDirectory: adminDirectoryRouter,
  adminMail: adminMailRouter,
  adminSla: adminSlaRouter,
  notification: notificationRouter,
  live: liveRouter,
  presence: presenceRouter,
  search: searchRouter,
  template: templateRouter,
  dashboard: dashboardRouter,
  queue: queueRouter,
  savedSearch: savedSearchRouter,
  duplicate: duplicateRouter,
  report: reportRouter,
  faq: faqRouter,
  faqEditor: faqEditorRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
