"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/app/_components/ui/button";

/**
 * A mail's HTML (sanitized when it arrived, its inline images already resolved to attachment
 * URLs on the server: nothing is spliced into it here) in a sandboxed frame: no scripts can run, its styles
 * cannot leak into the app, and a CSP blocks every request except inline images and the
 * desk's own attachment URLs. Remote images load only when the reader asks.
 */
export function MailHtml({ html, title }: { html: string; title: string }) {
  const t = useTranslations("ticket.mail");
  const [remote, setRemote] = useState(false);
  const [height, setHeight] = useState(120);
  const hasRemote = html.includes("data-remote-src");
  const doc = useMemo(() => frameDocument(html, remote), [html, remote]);

  return (
    <div className="space-y-2">
      {hasRemote && !remote && (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-surface-muted px-3 py-1.5 text-xs text-fg-muted">
          <span>{t("remoteBlocked")}</span>
          <Button size="sm" variant="ghost" className="h-7" onClick={() => setRemote(true)}>
            {t("showRemote")}
          </Button>
        </div>
      )}
      <iframe
        title={title}
        srcDoc={doc}
        // allow-same-origin lets the page measure the content; without allow-scripts nothing in it runs.
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        onLoad={(event) => {
          const root = event.currentTarget.contentDocument?.documentElement;
          if (root) setHeight(Math.min(Math.max(root.scrollHeight, 60), 4000));
        }}
        style={{ height }}
        className="block w-full rounded-md border border-border bg-white"
      />
    </div>
  );
}

function frameDocument(html: string, remote: boolean) {
  const body = remote ? html.replaceAll("data-remote-src=", "src=") : html;
  const csp = `default-src 'none'; img-src data: 'self'${remote ? " https: http:" : ""}; style-src 'unsafe-inline'; font-src data:`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank"><style>
body{margin:12px 14px;font:14px/1.55 ui-sans-serif,system-ui,sans-serif;color:#1f2328;background:#fff;overflow-wrap:anywhere}
img{max-width:100%;height:auto}table{max-width:100%}
blockquote{margin:0 0 0 .5em;padding-inline-start:.75em;border-inline-start:3px solid #d0d7de;color:#57606a}
</style></head><body dir="auto">${body}</body></html>`;
}
