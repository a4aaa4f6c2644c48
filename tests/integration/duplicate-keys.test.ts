import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { tickets, ticketSimilarityKeys } from "@/db/schema";
import { similarOpenTickets } from "@/server/services/duplicates/similar";
import { callerFor } from "../helpers/caller";
import { createCustomer, createQueue } from "../factories";

const filler = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word}${i % 7}`).join(" ");

/** Texts around every cut-off the key must agree with: NFKC, accents, Persian, emoji (surrogate pairs) before and after 2,000 characters, long bodies. */
const REQUESTS = [
  { title: "Drukarka na trzecim piętrze nie drukuje", body: "Dzień dobry, drukarka na trzecim piętrze przestała drukować. Błąd E-45. Pozdrawiam, Anna" },
  { title: "Störung: VPN-Verbindung in der Straße", body: "Grüße! Die VPN-Verbindung bricht ständig ab; ﬁnanzielle Schäden drohen. Ⅻ Fullwidth ＡＢＣ" },
  { title: "درخواست پشتیبانی فوری برای ایمیل", body: "سلام، سیستم ایمیل ما کار نمی‌کند. لطفاً کمک کنید. ۱۲۳" },
  { title: "Printer 🖨️ broken again", body: `${"😀".repeat(1100)} printer broken ${filler("paper", 50)}` },
  { title: "Long report about the printer outage", body: `${filler("printer", 500)} 😀 the tail ${filler("toner", 300)}` },
  { title: "Short", body: "?" },
  { title: "Printer on the third floor does not print", body: `${"x".repeat(1999)}😀${filler("printing", 40)}` },
];

describe("the duplicate check's similarity keys", () => {
  it("hold what the check would compute afresh, so every score is the same with and without them", async () => {
    const queue = await createQueue();
    const customer = await createCustomer();
    const ids: number[] = [];
    for (const r of REQUESTS) ids.push((await callerFor(customer).ticket.create({ channel: "web", queueId: queue.id, ...r })).id);

    // Every new ticket of the customer got its key, computed as the check computes a candidate.
    const keys = await db.select().from(ticketSimilarityKeys).where(inArray(ticketSimilarityKeys.ticketId, ids));
    expect(keys.map((k) => k.ticketId).sort()).toEqual([...ids].sort());
    const mismatched = await db.execute<{ ticket_id: number }>(sql`
      select k.ticket_id from ticket_similarity_keys k
      join tickets t on t.id = k.ticket_id
      join lateral (select a.id, coalesce(a.body_text, '') as body_text from articles a where a.ticket_id = t.id order by a.id limit 1) f on true
      where k.ticket_id in (${sql.join(ids, sql`, `)})
        and (k.title <> t.title or k.article_id <> f.id
          or k.title_folded <> helpdesk_fold(t.title)
          or k.body_folded <> helpdesk_fold(left(f.body_text, 2000))
          or k.words <> array(select x from unnest(tsvector_to_array(helpdesk_tsvector(t.title || ' ' || left(f.body_text, 2000)))) x where char_length(x) >= 4))`);
    expect(mismatched).toEqual([]);

    // A renamed ticket's key is stale: the check must compute that one afresh.
    await db.update(tickets).set({ title: "Printer upstairs: renamed by an agent" }).where(inArray(tickets.id, [ids[0]!]));
    const drafts = [...REQUESTS, { title: "Printer upstairs not printing", body: "The printer upstairs does not print, error E-45. 😀 Anna" }];
    const withKeys = await Promise.all(drafts.map((d) => similarOpenTickets(db, { customerUserId: customer.id, ...d }, 0, 20)));
    expect(withKeys.flat().length).toBeGreaterThan(drafts.length);
    await db.delete(ticketSimilarityKeys).where(inArray(ticketSimilarityKeys.ticketId, ids));
    const afresh = await Promise.all(drafts.map((d) => similarOpenTickets(db, { customerUserId: customer.id, ...d }, 0, 20)));
    expect(withKeys).toEqual(afresh);
  });
});
