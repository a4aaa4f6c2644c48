/**
 * What one inbound mail may cost: its size, its MIME structure and the time its parsing takes.
 * A mail over any of them is refused by the parser with a quarantine reason (a catalog key) and
 * kept whole in the quarantine; the admin raises a limit and re-runs it when it was legitimate.
 */
export type MailLimits = {
  /** Largest raw message, in bytes. */
  maxBytes: number;
  /** Most MIME parts (nodes) in one message. */
  maxParts: number;
  /** Deepest nesting of multipart bodies. */
  maxDepth: number;
  /** Largest header block of the message or of one part, in bytes. */
  maxHeaderBytes: number;
  /** Time the parsing stages may take together, in milliseconds. */
  budgetMs: number;
};

export const DEFAULT_MAIL_LIMITS: MailLimits = {
  maxBytes: 40 * 1024 * 1024,
  maxParts: 1000,
  maxDepth: 50,
  maxHeaderBytes: 256 * 1024,
  budgetMs: 20_000,
};

export type QuarantineReason =
  | "adminMail.quarantine.reasons.tooLarge"
  | "adminMail.quarantine.reasons.tooManyParts"
  | "adminMail.quarantine.reasons.tooDeep"
  | "adminMail.quarantine.reasons.headerTooLarge"
  | "adminMail.quarantine.reasons.parseBudget"
  | "adminMail.quarantine.reasons.agentUnauthenticated";

/** A mail the parser will not take: `reason` is a catalog key, `message` the technical detail. */
export class MailRefused extends Error {
  constructor(
    readonly reason: QuarantineReason,
    detail: string,
  ) {
    super(detail);
    this.name = "MailRefused";
  }
}

/** The parsing time budget, checked between stages (each stage itself is linear in its input). */
export class ParseBudget {
  private readonly started = performance.now();
  constructor(private readonly ms: number) {}

  check(stage: string): void {
    const spent = performance.now() - this.started;
    if (spent >= this.ms) throw new MailRefused("adminMail.quarantine.reasons.parseBudget", `parsing took ${Math.round(spent)} ms, over the budget of ${this.ms} ms (at ${stage})`);
  }
}

/**
 * One linear pass over the raw bytes before any parsing: the header block of the message and of
 * every part is at most `maxHeaderBytes`, and multipart bodies nest at most `maxDepth` deep
 * (boundaries are read from Content-Type headers only; a boundary line closes its part and every
 * part opened inside it, as MIME parsers do). Stops at the first limit it meets.
 */
export function checkStructure(raw: Buffer, limits: Pick<MailLimits, "maxDepth" | "maxHeaderBytes">): void {
  const open: string[] = [];
  let inHeaders = true;
  let headerStart = 0;
  let nextIsMessage = false;
  let contentType = false;
  for (let at = 0; at < raw.length; ) {
    const nl = raw.indexOf(10, at);
    const end = nl < 0 ? raw.length : nl + 1;
    if (inHeaders) {
      if (end - headerStart > limits.maxHeaderBytes) {
        throw new MailRefused("adminMail.quarantine.reasons.headerTooLarge", `a header block is larger than ${limits.maxHeaderBytes} bytes`);
      }
      const line = raw.toString("latin1", at, end);
      const blank = line === "\n" || line === "\r\n";
      if (blank) {
        inHeaders = nextIsMessage;
        headerStart = end;
        nextIsMessage = false;
        contentType = false;
      } else {
        const folded = line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9;
        if (!folded) contentType = /^content-type\s*:/i.test(line);
        if (contentType) {
          if (/message\/(rfc822|global)/i.test(line)) nextIsMessage = true;
          const boundary = BOUNDARY.exec(line);
          const name = boundary ? (boundary[1] ?? boundary[2] ?? "").trim() : "";
          if (name && !open.includes(name)) {
            open.push(name);
            if (open.length > limits.maxDepth) throw new MailRefused("adminMail.quarantine.reasons.tooDeep", `multipart bodies nest deeper than ${limits.maxDepth}`);
          }
        }
      }
    } else if (raw[at] === 45 && raw[at + 1] === 45 && open.length) {
      const line = raw.toString("latin1", at + 2, Math.min(end, at + 2 + 200)).trimEnd();
      for (let k = open.length - 1; k >= 0; k--) {
        if (line === open[k]) {
          open.length = k + 1;
          inHeaders = true;
          headerStart = at;
          break;
        }
        if (line === `${open[k]}--`) {
          open.length = k;
          break;
        }
      }
    }
    at = end;
  }
}

const BOUNDARY = /boundary\s{0,20}=\s{0,20}(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/i;
