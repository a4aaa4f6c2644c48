import type { AgentSession } from "./http";
import type { Targets } from "./targets";
import { COMMON_WORD, RARE_WORDS } from "./words";

export type OpName =
  | "queue view"
  | "queue view + customer"
  | "ticket zoom"
  | "search rare word"
  | "search common word"
  | "search inside a compound"
  | "search Polish inflection"
  | "dashboard counts"
  | "write (note or state)";
type Op = (s: AgentSession, agent: number, i: number) => Promise<unknown>;

const at = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

/** The procedures the workspace calls, each with inputs varied by a running counter. */
export function operations(t: Targets): Record<OpName, Op> {
  const queueOf = (agent: number, i: number) => at(t.agents[agent]!.queueIds, i);
  const view = { stateTypes: ["new", "open"], sort: "created", direction: "asc", limit: 25 } as const;
  return {
    "queue view": (s, agent, i) => s.call("query", "ticket.list", { ...view, queueIds: [queueOf(agent, i)] }),
    "queue view + customer": (s, agent, i) => {
      const q = queueOf(agent, i);
      return s.call("query", "ticket.list", { ...view, queueIds: [q], customerUserId: at(t.customersByQueue.get(q)!, i * 7) });
    },
    "ticket zoom": (s, agent, i) => s.call("query", "ticket.get", { ticketId: at(t.zoomByQueue.get(queueOf(agent, i))!, i * 13) }),
    "search rare word": (s, _agent, i) => s.call("query", "search.tickets", { query: at(RARE_WORDS, i) }),
    "search common word": (s) => s.call("query", "search.tickets", { query: COMMON_WORD }),
    // "straßenbahnhaltestelle" is a rare word: found by a part inside it, and by an inflected Polish form of "źdźbłowy".
    "search inside a compound": (s, _agent, i) => s.call("query", "search.tickets", { query: at(["haltestelle", "bahnhaltestelle"], i) }),
    "search Polish inflection": (s, _agent, i) => s.call("query", "search.tickets", { query: at(["źdźbłowa", "źdźbłowych"], i) }),
    "dashboard counts": (s) => s.call("query", "dashboard.summary"),
    "write (note or state)": async (s, agent, i) => {
      const mine = t.writesByAgent[agent]!;
      if (mine.length < 2) throw new Error(`agent ${agent} has too few tickets to write to`);
      // Notes go to the first ticket (they bump its version), state changes to the others.
      if (i % 2 === 0) return s.call("mutation", "article.note", { ticketId: mine[0]!.id, body: `Bench note ${i}: called the customer back, waiting for the logs.` });
      const ticket = at(mine.slice(1), i);
      // Toggle open ↔ pending reminder, carrying the version the server returned last time.
      const input = ticket.pending
        ? { ticketId: ticket.id, version: ticket.version, stateId: t.states.open }
        : { ticketId: ticket.id, version: ticket.version, stateId: t.states.pending, pendingUntil: new Date(Date.now() + 2 * 86_400_000) };
      const result = await s.call<{ version: number }>("mutation", "ticket.setState", input);
      ticket.version = result.version;
      ticket.pending = !ticket.pending;
      return result;
    },
  };
}

/** The mix of 100 concurrent agents: lists dominate, then zooms; a tenth each search, dashboard, write. */
export const MIX: [OpName, number][] = [
  ["queue view", 0.3],
  ["queue view + customer", 0.1],
  ["ticket zoom", 0.3],
  ["search rare word", 0.05],
  ["search common word", 0.05],
  ["dashboard counts", 0.1],
  ["write (note or state)", 0.1],
];

export function pickOp(r: number): OpName {
  let acc = 0;
  for (const [name, weight] of MIX) if (r < (acc += weight)) return name;
  return MIX[0]![0];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
