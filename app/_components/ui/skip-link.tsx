import { useTranslations } from "next-intl";

/** First focusable element on every page; jumps to <main id="main">. */
export function SkipLink({ targetId = "main" }: { targetId?: string }) {
  const t = useTranslations("common");
  return (
    <a
      href={`#${targetId}`}
      className="sr-only focus:not-sr-only focus:fixed focus:start-3 focus:top-3 focus:z-[100] focus:rounded-md focus:bg-surface focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-fg focus:shadow-lg focus:ring-2 focus:ring-ring"
    >
      {t("skipToContent")}
    </a>
  );
}
