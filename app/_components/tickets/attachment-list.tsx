"use client";

import { useTranslations } from "next-intl";
import { useFileSize } from "./file-size";

type File = { id: string; filename: string; contentType: string; size: number };

/** Download links for an article's files; the route checks the reader may see the article. */
export function AttachmentList({ files, rawHref }: { files: readonly File[]; rawHref?: string }) {
  const t = useTranslations("ticket");
  const size = useFileSize();
  if (files.length === 0 && !rawHref) return null;

  return (
    <div className="mt-3 flex flex-wrap gap-2">
      {files.length > 0 && <h4 className="sr-only">{t("attachments")}</h4>}
      {files.map((file) => (
        <a
          key={file.id}
          href={`/api/attachments/${file.id}`}
          download={file.filename}
          className="inline-flex max-w-full items-center gap-1.5 rounded-md border border-border bg-surface px-2.5 py-1 text-xs text-fg hover:bg-surface-hover"
        >
          <PaperclipIcon />
          <span className="truncate font-medium">{file.filename}</span>
          <span className="shrink-0 text-fg-muted">{size(file.size)}</span>
        </a>
      ))}
      {rawHref && (
        <a href={rawHref} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs text-fg-muted hover:bg-surface-hover hover:text-fg">
          {t("mail.original")}
        </a>
      )}
    </div>
  );
}

function PaperclipIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="size-3.5 shrink-0 text-fg-muted">
      <path
        d="m13 7.5-5.2 5.2a3.2 3.2 0 0 1-4.5-4.5l5.4-5.4a2.1 2.1 0 0 1 3 3L6.4 11a1 1 0 0 1-1.5-1.5l4.9-4.9"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
