import {
  faqArticleInput,
  faqArticleUpdateInput,
  faqById,
  faqCategoryInput,
  faqCategoryListInput,
  faqDraftFromTicketInput,
  faqEditorListInput,
  faqListInput,
  faqSearchInput,
  faqSetStateInput,
  faqSetValidInput,
  faqSuggestInput,
  faqVoteInput,
} from "@/server/schemas/faq";
import { listFaqCategories, saveFaqCategory, setFaqCategoryValid } from "@/server/services/faq/categories";
import { createFaqArticle, faqHistoryOf, getFaqForEditor, listFaqForEditors, setFaqState, updateFaqArticle } from "@/server/services/faq/editor";
import { draftFromTicketArticle } from "@/server/services/faq/from-ticket";
import { faqCategoriesFor, getFaqArticle, listFaqArticles, searchFaq, suggestFaq, voteFaq } from "@/server/services/faq/read";
import { requireFaqEditor } from "@/server/services/faq/scope";
import { agentProcedure, router, signedInProcedure, ticketProcedure } from "../init";

/** Editing the FAQ: admins, and agents the admin made FAQ editors. */
const editorProcedure = agentProcedure.use(async ({ ctx, next }) => {
  await requireFaqEditor(ctx.db, ctx.actor);
  return next({ ctx });
});

/** Reading follows each article's visibility: agents all, customers theirs and public; drafts never. */
export const faqRouter = router({
  categories: signedInProcedure.query(({ ctx }) => faqCategoriesFor(ctx.db, ctx.actor, ctx.actor.language)),
  list: signedInProcedure.input(faqListInput).query(({ ctx, input }) => listFaqArticles(ctx.db, ctx.actor, ctx.actor.language, input)),
  get: signedInProcedure.input(faqById).query(({ ctx, input }) => getFaqArticle(ctx.db, ctx.actor, ctx.actor.language, input.id)),
  search: signedInProcedure.input(faqSearchInput).query(({ ctx, input }) => searchFaq(ctx.db, ctx.actor, ctx.actor.language, input)),
  suggest: signedInProcedure.input(faqSuggestInput).query(({ ctx, input }) => suggestFaq(ctx.db, ctx.actor, ctx.actor.language, input)),
  vote: signedInProcedure.input(faqVoteInput).mutation(({ ctx, input }) => voteFaq(ctx.db, ctx.actor, input)),
  /** Any agent who sees the ticket may propose an answer as an internal draft; editors publish it. */
  draftFromTicket: ticketProcedure("view", faqDraftFromTicketInput, agentProcedure).mutation(({ ctx, input }) => draftFromTicketArticle(ctx.db, ctx.actor, ctx.loaded, input.articleId)),
});

export const faqEditorRouter = router({
  categoryList: editorProcedure.input(faqCategoryListInput).query(({ ctx, input }) => listFaqCategories(ctx.db, ctx.actor, input)),
  categorySave: editorProcedure.input(faqCategoryInput).mutation(({ ctx, input }) => saveFaqCategory(ctx.db, ctx.actor, input)),
  categorySetValid: editorProcedure.input(faqSetValidInput).mutation(({ ctx, input }) => setFaqCategoryValid(ctx.db, ctx.actor, input)),
  articleList: editorProcedure.input(faqEditorListInput).query(({ ctx, input }) => listFaqForEditors(ctx.db, ctx.actor, input)),
  articleGet: editorProcedure.input(faqById).query(({ ctx, input }) => getFaqForEditor(ctx.db, input)),
  articleCreate: editorProcedure.input(faqArticleInput).mutation(({ ctx, input }) => createFaqArticle(ctx.db, ctx.actor, input)),
  articleUpdate: editorProcedure.input(faqArticleUpdateInput).mutation(({ ctx, input }) => updateFaqArticle(ctx.db, ctx.actor, input)),
  articleSetState: editorProcedure.input(faqSetStateInput).mutation(({ ctx, input }) => setFaqState(ctx.db, ctx.actor, input)),
  history: editorProcedure.input(faqById).query(({ ctx, input }) => faqHistoryOf(ctx.db, input)),
});
