import { relations as rel } from "drizzle-orm";
import { articles, attachments, queues, tickets, ticketHistory, users, customerCompanies, states, priorities } from "./schema";

const ticketRelations = rel(tickets, ({ one, many }) => ({
  queue: one(queues, { fields: [tickets.queueId], references: [queues.id] }),
  state: one(states, { fields: [tickets.stateId], references: [states.id] }),
  priority: one(priorities, { fields: [tickets.priorityId], references: [priorities.id] }),
  customer: one(users, { fields: [tickets.customerUserId], references: [users.id] }),
  company: one(customerCompanies, { fields: [tickets.customerCompanyId], references: [customerCompanies.id] }),
  articles: many(articles),
  history: many(ticketHistory),
}));

const articleRelations = rel(articles, ({ one, many }) => ({
  ticket: one(tickets, { fields: [articles.ticketId], references: [tickets.id] }),
  attachments: many(attachments),
}));

const attachmentRelations = rel(attachments, ({ one }) => ({
  article: one(articles, { fields: [attachments.articleId], references: [articles.id] }),
}));

const historyRelations = rel(ticketHistory, ({ one }) => ({
  ticket: one(tickets, { fields: [ticketHistory.ticketId], references: [tickets.id] }),
}));

export const relations = { ticketRelations, articleRelations, attachmentRelations, historyRelations };
