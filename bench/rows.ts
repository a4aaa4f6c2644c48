import { formatTicketNumber } from "@/server/services/tickets/number";
import { COMMON_SHARE, COMMON_WORD, LANGUAGES, RARE_EVERY, RARE_WORDS, SUBJECTS, VOCABULARY, type Language } from "./words";

/** What the row generator needs to know about the reference rows already in the database. */
export type DeskShape = {
  tickets: number;
  queueIds: number[];
  /** agentIds[r] = the agents whose role grants rw on queues 4r … 4r+3. */
  agentsByRole: number[][];
  customerBase: number;
  customers: number;
  companyBase: number;
  stateIds: Record<"new" | "open" | "pending" | "closed" | "closedBad" | "merged" | "removed", number>;
  priorityIds: number[];
  typeIds: number[];
  now: Date;
};

export const QUEUES_PER_ROLE = 4;
const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;

/** Deterministic, so every run generates the same desk for the same size. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function field(v: string | number | boolean | Date | null): string {
  if (v === null) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "string") return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
const line = (values: (string | number | boolean | Date | null)[]) => values.map(field).join("\t") + "\n";

/** Customers, companies and languages are pure functions of the customer's ordinal (SQL uses the same). */
export const customerLanguage = (g: number): Language => LANGUAGES[[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3][g % 20]!]!;
export const customerEmail = (g: number) => `customer${g}@company${g % 5000}.bench.example`;
const customerCompany = (g: number, base: number) => (g % 5 === 0 ? null : base + ((g * 7) % 5000));

export const TICKET_COLUMNS = "id, number, title, queue_id, state_id, state_type, priority_id, type_id, customer_user_id, customer_company_id, owner_id, locked, locked_at, pending_until, archived, waiting_since, first_response_at, closed_at, last_customer_article_at, escalation_at, solution_due_at, version, created_by, changed_by, created_at, changed_at";
export const ARTICLE_COLUMNS = "id, ticket_id, channel, sender_type, is_internal, from_address, to_addresses, subject, body_text, message_id, in_reply_to, created_by, created_at";
export const HISTORY_COLUMNS = "ticket_id, event, field, new_value, new_id, actor_id, created_at";

export type Chunks = { tickets: string; articles: string; history: string; articleCount: number };

/**
 * Yields COPY text for tickets [from, to) with their articles and a `created` history row.
 * Article ids are dense and follow ticket order, so the rare words land on exact ordinals.
 */
export function* deskRows(shape: DeskShape, from: number, to: number, firstArticleId: number, batch = 2000): Generator<Chunks> {
  const rnd = mulberry32(from * 2654435761);
  const start = shape.now.getTime() - SPAN - DAY / 24;
  const step = SPAN / shape.tickets;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  let articleId = firstArticleId;
  let out: Chunks = { tickets: "", articles: "", history: "", articleCount: 0 };

  const body = (lang: Language, id: number) => {
    const vocab = VOCABULARY[lang];
    const words: string[] = [];
    const n = 40 + Math.floor(rnd() * 50);
    for (let i = 0; i < n; i++) words.push(vocab[Math.floor(vocab.length * rnd() ** 1.6)]!);
    if (rnd() < COMMON_SHARE) words.splice(Math.floor(rnd() * n), 0, COMMON_WORD);
    const slot = id % RARE_EVERY;
    RARE_WORDS.forEach((w, j) => slot === (j + 1) * 997 && words.splice(5, 0, w));
    // Product codes and reference numbers: the long tail every real desk has.
    words.push(`REF-${Math.floor(rnd() * 900_000) + 100_000}`);
    for (let i = 12; i < words.length; i += 13) words[i] += ".\n";
    return words.join(" ");
  };

  for (let id = from; id < to; id++) {
    const created = new Date(start + (id - 1) * step);
    const age = shape.now.getTime() - created.getTime();
    const day = created.toISOString().slice(0, 10);
    // Tickets are evenly spaced, so the position within the day is a unique per-day counter.
    const counter = Math.floor((created.getTime() - Date.parse(day)) / step) + 1;
    const number = formatTicketNumber(day, "10", counter);
    const g = Math.min(shape.customers, 1 + Math.floor(shape.customers * rnd() ** 2));
    const lang = customerLanguage(g);
    const queueIndex = Math.min(shape.queueIds.length - 1, Math.floor(shape.queueIds.length * rnd() ** 1.3));
    const queueId = shape.queueIds[queueIndex]!;
    const agents = shape.agentsByRole[Math.floor(queueIndex / QUEUES_PER_ROLE)]!;
    const r = rnd();
    const recent = age < 60 * DAY;
    const kind = recent
      ? r < 0.1 ? "new" : r < 0.35 ? "open" : r < 0.45 ? "pending" : r < 0.9 ? "closed" : "closedBad"
      : r < 0.01 ? "new" : r < 0.04 ? "open" : r < 0.05 ? "pending" : r < 0.053 ? "merged" : r < 0.055 ? "removed" : r < 0.9 ? "closed" : "closedBad";
    const stateType = kind === "pending" ? "pending_reminder" : kind === "closedBad" ? "closed" : kind;
    const finished = stateType === "closed" || stateType === "merged" || stateType === "removed";
    const pr = rnd();
    const priority = shape.priorityIds[pr < 0.03 ? 0 : pr < 0.13 ? 1 : pr < 0.83 ? 2 : pr < 0.95 ? 3 : 4]!;
    const owner = kind === "new" ? null : pick(agents);
    const articleCount = 2 + Math.floor(rnd() * 7);
    const gap = Math.min(DAY, age / (articleCount + 1));
    const lastAt = new Date(created.getTime() + gap * (articleCount - 1));
    const closedAt = finished ? new Date(lastAt.getTime() + gap / 2) : null;
    const changed = closedAt ?? lastAt;
    const locked = kind === "open" && rnd() < 0.3;
    const title = pick(SUBJECTS[lang]);
    const email = customerEmail(g);
    const customerId = shape.customerBase + g - 1;
    const lastFromCustomer = (articleCount - 1) % 3 !== 1;
    // Tickets under an SLA carry a deadline; for the older open ones it has passed.
    const escalation = (kind === "new" || kind === "open") && rnd() < 0.4 ? new Date(created.getTime() + (0.5 + rnd() * 6) * DAY) : null;
    out.tickets += line([
      id, number, title, queueId, shape.stateIds[kind], stateType, priority, pick(shape.typeIds), customerId, customerCompany(g, shape.companyBase), owner,
      locked, locked ? lastAt : null, kind === "pending" ? new Date(changed.getTime() + 3 * DAY) : null,
      finished && shape.now.getTime() - changed.getTime() > 30 * DAY, !finished && lastFromCustomer ? lastAt : null,
      articleCount > 1 ? new Date(created.getTime() + gap) : null, closedAt, created, escalation, escalation, 1 + articleCount, null, owner, created, changed,
    ]);
    out.history += line([id, "created", "queue", number, queueId, null, created]);
    for (let k = 0; k < articleCount; k++) {
      const at = new Date(created.getTime() + gap * k);
      // Customer, agent, (sometimes an internal note), customer, agent …
      const role = k === 0 ? 0 : k % 3;
      const fromCustomer = role === 0 || role === 2;
      const note = role === 1 && rnd() < 0.2;
      const agent = owner ?? pick(agents);
      out.articles += line([
        articleId, id, note ? "note" : "email", fromCustomer ? "customer" : "agent", note,
        fromCustomer ? email : note ? null : `support-${queueIndex}@bench.example`,
        fromCustomer ? `support-${queueIndex}@bench.example` : note ? null : email,
        k === 0 ? title : `Re: ${title}`, body(lang, articleId),
        note ? null : `<t${id}.a${k}@bench.example>`, k > 0 && !note ? `<t${id}.a${k - 1}@bench.example>` : null,
        fromCustomer ? customerId : agent, at,
      ]);
      articleId++;
      out.articleCount++;
    }
    if ((id - from + 1) % batch === 0 || id === to - 1) {
      yield out;
      out = { tickets: "", articles: "", history: "", articleCount: 0 };
    }
  }
}
