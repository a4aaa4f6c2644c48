import { Document, Page, Text, View } from "@react-pdf/renderer";
import { type Direction, formatDateTime, formatInteger, numberFormat, P, PageFrame, pageStyle, Row, textDirection, UserText, type PdfLocale } from "./layout";

/** What a ticket PDF shows, already cut to what its reader may see (the service decides). */
export type TicketPdf = {
  audience: "agent" | "customer";
  number: string;
  title: string;
  /** Header rows: label (catalog text) and value (as shown), in order. */
  fields: { label: string; value: string }[];
  articles: {
    sender: string;
    /** Sender kind and channel (agents), e.g. "Customer · E-mail". */
    kind: string | null;
    internal: boolean;
    createdAt: Date;
    from: string | null;
    to: string | null;
    subject: string | null;
    body: string;
    attachments: { filename: string; size: number }[];
  }[];
  history: { at: Date; who: string; event: string; change: string | null }[] | null;
};

export function TicketDocument({ tickets, locale, deskName, title }: { tickets: TicketPdf[]; locale: PdfLocale; deskName: string; title: string }) {
  return (
    <Document title={title} author={deskName} creator={deskName} producer={deskName} language={locale.language}>
      {tickets.map((ticket) => (
        <TicketPages key={ticket.number} ticket={ticket} locale={locale} deskName={deskName} />
      ))}
    </Document>
  );
}

function TicketPages({ ticket, locale, deskName }: { ticket: TicketPdf; locale: PdfLocale; deskName: string }) {
  const d = locale.direction;
  const t = locale.t;
  const heading = t("ticket.number", { number: ticket.number });
  const files = ticket.articles.flatMap((a, i) => a.attachments.map((f) => ({ ...f, index: i + 1 })));
  return (
    // react-pdf's newer pagination engine (opt-in in 4.9): content is measured once and packed into
    // pages, where the default engine lays the rest of the document out again at every page break.
    <Page size="A4" experimentalPagination style={pageStyle(locale)}>
      <PageFrame locale={locale} deskName={deskName} title={heading} />
      <P direction={d} muted size={9}>
        {heading}
      </P>
      <UserText text={ticket.title} fallback={d} align={d} bold size={15} style={{ marginBottom: 8 }} />
      <View style={{ borderTopWidth: 0.5, borderTopColor: "#d1d9e0", marginBottom: 10 }}>
        {ticket.fields.map((f) => (
          <Row key={f.label} direction={d} wrap={false} style={{ borderBottomWidth: 0.5, borderBottomColor: "#d1d9e0", paddingVertical: 2 }}>
            <View style={{ width: 120 }}>
              <P direction={d} muted>
                {f.label}
              </P>
            </View>
            <View style={{ flexGrow: 1, flexBasis: 0 }}>
              <UserText text={f.value} fallback={d} align={d} />
            </View>
          </Row>
        ))}
      </View>

      <Section locale={locale} title={t("pdf.ticket.articles", { count: ticket.articles.length })} />
      {ticket.articles.length === 0 && (
        <P direction={d} muted>
          {t("ticket.noArticles")}
        </P>
      )}
      {ticket.articles.map((a, i) => (
        <ArticleBlock key={i} article={a} index={i + 1} locale={locale} agent={ticket.audience === "agent"} />
      ))}

      {files.length > 0 && (
        <>
          <Section locale={locale} title={t("ticket.attachments")} />
          {files.map((f, i) => (
            <Row key={i} direction={d} wrap={false} style={{ paddingVertical: 1.5 }}>
              <View style={{ flexGrow: 1, flexBasis: 0 }}>
                <UserText text={f.filename} fallback={d} align={d} />
              </View>
              <View style={{ width: 70 }}>
                <P direction={d} muted>
                  {fileSize(locale, f.size)}
                </P>
              </View>
              <View style={{ width: 90 }}>
                <P direction={d} muted>
                  {t("pdf.ticket.onArticle", { index: formatInteger(locale, f.index) })}
                </P>
              </View>
            </Row>
          ))}
        </>
      )}

      {ticket.history && <HistoryTable history={ticket.history} locale={locale} />}
    </Page>
  );
}

/** One article in as few nodes as possible: every layout node costs, in the first pass and again on its page. */
function ArticleBlock({ article: a, index, locale, agent }: { article: TicketPdf["articles"][number]; index: number; locale: PdfLocale; agent: boolean }) {
  const d = locale.direction;
  const t = locale.t;
  const meta = [t("pdf.ticket.article", { index: formatInteger(locale, index) }), formatDateTime(locale, a.createdAt), ...(agent ? [a.internal ? t("ticket.internalNote") : t("ticket.public")] : []), ...(a.kind ? [a.kind] : [])];
  const lines = [
    meta.join(" · "),
    ...(a.from ? [`${t("pdf.ticket.from")}: ${a.from}`] : []),
    ...(a.to ? [`${t("pdf.ticket.to")}: ${a.to}`] : []),
    ...(a.subject ? [`${t("ticket.subject")}: ${a.subject}`] : []),
  ];
  return (
    <View style={{ marginBottom: 10, paddingHorizontal: 8, paddingVertical: 6, borderWidth: 0.5, borderColor: a.internal ? "#d4a72c" : "#d1d9e0", backgroundColor: a.internal ? "#fff8c5" : "#ffffff", borderRadius: 3 }}>
      <P direction={d} muted size={8.5} style={{ marginBottom: 4 }}>
        <Text style={{ fontWeight: 700, fontSize: 9.5, color: "#1f2328" }}>{`${a.sender}\n`}</Text>
        {lines.join("\n")}
      </P>
      {directionRuns(a.body, d).map((run, i) => (
        <UserText key={i} text={run} fallback={d} style={{ marginBottom: 3 }} />
      ))}
      {a.attachments.length > 0 && (
        <P direction={d} muted size={8.5} style={{ marginTop: 2 }}>
          {`${t("ticket.attachments")}: ${a.attachments.map((f) => f.filename).join(", ")}`}
        </P>
      )}
    </View>
  );
}

/** The history, one text per entry (a table's nine nodes per row doubled a long ticket's layout time). */
function HistoryTable({ history, locale }: { history: NonNullable<TicketPdf["history"]>; locale: PdfLocale }) {
  const d = locale.direction;
  return (
    <>
      <Section locale={locale} title={locale.t("ticket.history")} />
      {history.length === 0 && (
        <P direction={d} muted>
          {locale.t("pdf.ticket.historyEmpty")}
        </P>
      )}
      {history.map((h, i) => (
        <P key={i} direction={d} size={8.5} style={{ borderBottomWidth: 0.5, borderBottomColor: "#d1d9e0", paddingVertical: 1.5 }}>
          <Text style={{ color: "#59636e" }}>{`${formatDateTime(locale, h.at)} · ${h.who} · `}</Text>
          <Text style={{ fontWeight: 700 }}>{h.event}</Text>
          {h.change ? ` ${h.change}` : ""}
        </P>
      ))}
    </>
  );
}

function Section({ locale, title }: { locale: PdfLocale; title: string }) {
  return (
    <P direction={locale.direction} bold size={11} style={{ marginTop: 8, marginBottom: 5 }}>
      {title}
    </P>
  );
}

/** "Label: value" as one line (one text node: long documents lay out page by page, and every node costs). */
/**
 * A body as runs of paragraphs that share a direction (each paragraph takes its own, like
 * dir="auto" per paragraph), blank-line runs collapsed to one blank line.
 */
function directionRuns(body: string, fallback: Direction): string[] {
  const paragraphs = body.replace(/\r\n?/g, "\n").split(/\n{2,}/).map((p) => p.replace(/[ \t]+\n/g, "\n").trim()).filter(Boolean);
  const runs: { direction: Direction; text: string[] }[] = [];
  for (const p of paragraphs) {
    const direction = textDirection(p, fallback);
    const last = runs.at(-1);
    if (last?.direction === direction) last.text.push(p);
    else runs.push({ direction, text: [p] });
  }
  return runs.length ? runs.map((r) => r.text.join("\n\n")) : [""];
}

function fileSize(locale: PdfLocale, bytes: number): string {
  const f = (value: number, unit: string, digits = 0) => numberFormat(locale.intl, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
  return bytes < 1024 ? f(bytes, "byte") : bytes < 1024 * 1024 ? f(Math.round(bytes / 1024), "kilobyte") : f(bytes / (1024 * 1024), "megabyte", 1);
}
