import { cn } from "@/app/_components/ui/cn";

/**
 * An article body. The HTML was rendered from Markdown and sanitised like mail when the editor
 * saved it (server/services/faq/render.ts), so it is shown as it is.
 */
export function FaqBody({ html, className }: { html: string; className?: string }) {
  return (
    <div
      dir="auto"
      className={cn(
        "space-y-3 text-sm leading-relaxed text-fg [&_a]:text-accent [&_a]:underline [&_blockquote]:border-s-2 [&_blockquote]:border-border [&_blockquote]:ps-3 [&_code]:rounded [&_code]:bg-surface-muted [&_code]:px-1 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:ps-6 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-surface-muted [&_pre]:p-3 [&_table]:text-sm [&_td]:border [&_td]:border-border [&_td]:px-2 [&_th]:border [&_th]:border-border [&_th]:px-2 [&_ul]:list-disc [&_ul]:ps-6",
        className,
      )}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
