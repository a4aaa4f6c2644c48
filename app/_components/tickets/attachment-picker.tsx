"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { Button, buttonStyles } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { useFileSize } from "./file-size";
import { useTRPC } from "@/app/_components/trpc/provider";
import { useIsolate } from "@/app/_components/ui/use-isolate";

type Item = {
  key: number;
  file: File;
  name: string;
  size: number;
  status: "uploading" | "done" | "error";
  /** 0 … 1 while uploading. */
  progress: number;
  uploadId?: string;
  error?: string;
};

export type Attachments = ReturnType<typeof useAttachments>;

/**
 * The state behind an <AttachmentPicker>: each file goes to POST /api/uploads on its own
 * request as soon as it is chosen, so every file shows its own progress and its own error.
 * The form sends `uploadIds` with the ticket or reply, then calls `clear()`.
 */
export function useAttachments() {
  const t = useTranslations("attachments");
  const trpc = useTRPC();
  const size = useFileSize();
  const limits = useQuery(trpc.upload.limits.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const discard = useMutation(trpc.upload.discard.mutationOptions());
  const [items, setItems] = useState<Item[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const requests = useRef(new Map<number, XMLHttpRequest>());
  const nextKey = useRef(1);

  useEffect(() => {
    const inFlight = requests.current;
    return () => inFlight.forEach((xhr) => xhr.abort());
  }, []);

  const update = (key: number, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const fail = (item: Item, reason: string) => {
    update(item.key, { status: "error", error: reason });
    setAnnouncement(t("announceFailed", { name: item.name, reason }));
  };

  function upload(item: Item) {
    const xhr = new XMLHttpRequest();
    requests.current.set(item.key, xhr);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) update(item.key, { progress: e.loaded / e.total });
    };
    xhr.onload = () => {
      requests.current.delete(item.key);
      const body = parseJson(xhr.responseText);
      if (xhr.status === 201 && typeof body?.id === "string") {
        const name = typeof body.filename === "string" ? body.filename : item.name;
        update(item.key, { status: "done", progress: 1, uploadId: body.id, name });
        setAnnouncement(t("announceUploaded", { name }));
      } else {
        fail(item, typeof body?.error === "string" ? body.error : xhr.status === 401 ? t("sessionEnded") : t("generic"));
      }
    };
    xhr.onerror = () => {
      requests.current.delete(item.key);
      fail(item, t("network"));
    };
    const data = new FormData();
    data.append("file", item.file);
    xhr.open("POST", "/api/uploads");
    xhr.send(data);
  }

  function add(files: Iterable<File>) {
    const maxFiles = limits.data?.maxFiles ?? 10;
    const maxBytes = limits.data?.maxBytes ?? 10 * 1024 * 1024;
    let kept = items.filter((i) => i.status !== "error").length;
    const added: Item[] = [];
    for (const file of files) {
      const item: Item = { key: nextKey.current++, file, name: file.name, size: file.size, status: "uploading", progress: 0 };
      // Checked here to spare the upload; the server checks again, by content.
      if (kept >= maxFiles) Object.assign(item, { status: "error", error: t("tooMany", { max: maxFiles }) });
      else if (file.size > maxBytes) Object.assign(item, { status: "error", error: t("tooLarge", { max: size(maxBytes) }) });
      else kept++;
      added.push(item);
    }
    setItems((list) => [...list, ...added]);
    for (const item of added) {
      if (item.status === "uploading") upload(item);
      else setAnnouncement(t("announceFailed", { name: item.name, reason: item.error ?? "" }));
    }
  }

  function remove(key: number) {
    const item = items.find((i) => i.key === key);
    if (!item) return;
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    if (item.uploadId) discard.mutate({ uploadId: item.uploadId });
    setItems((list) => list.filter((i) => i.key !== key));
    setAnnouncement(t("announceRemoved", { name: item.name }));
  }

  return {
    items,
    announcement,
    limits: limits.data,
    add,
    remove,
    /** After the ticket or reply was sent: the uploads are claimed, so nothing to discard. */
    clear: () => setItems([]),
    uploadIds: items.flatMap((i) => (i.status === "done" && i.uploadId ? [i.uploadId] : [])),
    /** Why the form may not be sent yet, or null. */
    blocker: items.some((i) => i.status === "uploading") ? t("waitForUploads") : items.some((i) => i.status === "error") ? t("removeFailed") : null,
  };
}

/** Drag-and-drop area and file button, with one row per file: progress, error, remove. */
export function AttachmentPicker({ attachments, disabled = false, error }: { attachments: Attachments; disabled?: boolean; error?: string | null }) {
  const t = useTranslations("attachments");
  const isolate = useIsolate();
  const size = useFileSize();
  const id = useId().replace(/[^\w-]/g, "");
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { items, limits } = attachments;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled && event.dataTransfer.files.length) attachments.add(Array.from(event.dataTransfer.files));
  };

  return (
    <div role="group" aria-labelledby={`${id}-label`} className="flex flex-col gap-1.5">
      <span id={`${id}-label`} className="text-sm font-medium text-fg">
        {t("label")}
      </span>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-4 text-center transition-colors",
          dragging ? "border-accent bg-accent-subtle/50" : "border-border-strong",
          disabled && "opacity-60",
        )}
      >
        <p className="flex flex-wrap items-center justify-center gap-2 text-sm text-fg-muted">
          <span>{dragging ? t("dropActive") : t("drop")}</span>
          <label className={buttonStyles({ variant: "secondary", size: "sm", className: cn("cursor-pointer has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-ring/25", disabled && "pointer-events-none") })}>
            <PaperclipIcon />
            {t("choose")}
            <input
              ref={inputRef}
              type="file"
              multiple
              disabled={disabled}
              accept={limits?.accept}
              aria-describedby={`${id}-hint`}
              className="sr-only"
              onChange={(event) => {
                if (event.target.files?.length) attachments.add(Array.from(event.target.files));
                // The same file may be chosen again after it was removed.
                event.target.value = "";
              }}
            />
          </label>
        </p>
        {limits && (
          <p id={`${id}-hint`} className="text-[13px] leading-snug text-fg-muted">
            {t("hint", { maxFiles: limits.maxFiles, maxSize: isolate(size(limits.maxBytes)), types: isolate(limits.types) })}
          </p>
        )}
      </div>

      {items.length > 0 && (
        <ul aria-label={t("listLabel")} className="space-y-2">
          {items.map((item) => (
            <li key={item.key} className={cn("flex items-start gap-3 rounded-md border px-3 py-2", item.status === "error" ? "border-danger/30 bg-danger-subtle/40" : "border-border bg-surface")}>
              <PaperclipIcon className="mt-0.5" />
              <div className="min-w-0 flex-1">
                <p className="flex items-baseline justify-between gap-2 text-sm">
                  <span dir="auto" className="truncate font-medium text-fg">
                    {item.name}
                  </span>
                  <span className="shrink-0 text-xs text-fg-muted tabular-nums">{size(item.size)}</span>
                </p>
                {item.status === "uploading" && (
                  <>
                    <div
                      role="progressbar"
                      aria-label={t("progressLabel", { name: item.name })}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(item.progress * 100)}
                      className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-surface-muted"
                    >
                      <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${Math.round(item.progress * 100)}%` }} />
                    </div>
                    <p className="mt-1 text-xs text-fg-muted">{t("uploading", { percent: Math.round(item.progress * 100) })}</p>
                  </>
                )}
                {item.status === "done" && <p className="mt-0.5 text-xs text-success-text">{t("uploaded")}</p>}
                {item.status === "error" && <p className="mt-0.5 text-xs leading-snug text-danger-text">{item.error}</p>}
              </div>
              <Button
                type="button"
                variant="ghost"
                size="icon-sm"
                aria-label={t("remove", { name: item.name })}
                onClick={() => {
                  attachments.remove(item.key);
                  inputRef.current?.focus();
                }}
              >
                <CrossIcon />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-[13px] leading-snug text-danger-text">
          {error}
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {attachments.announcement}
      </p>
    </div>
  );
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function PaperclipIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className={cn("size-4 shrink-0 text-fg-muted", className)}>
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

function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="none" className="size-4">
      <path d="m4 4 8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
