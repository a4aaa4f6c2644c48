import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/app/_components/ui/cn";

export type BrandProps = {
  href?: string;
  /** A small area label after the name, e.g. "Agent". */
  area?: string;
  className?: string;
};

/** Product mark + name, linking home. */
export function Brand({ href = "/", area, className }: BrandProps) {
  const t = useTranslations("common");
  return (
    <Link
      href={href}
      className={cn("inline-flex shrink-0 items-center gap-2.5 rounded-md text-fg", className)}
    >
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight">{t("appName")}</span>
      {area && (
        <span className="hidden rounded-md bg-surface-muted px-1.5 py-0.5 text-xs font-medium text-fg-muted ring-1 ring-border sm:inline">
          {area}
        </span>
      )}
    </Link>
  );
}

export function LogoMark({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-7 items-center justify-center rounded-lg bg-accent text-accent-fg shadow-xs",
        className,
      )}
    >
      <svg viewBox="0 0 20 20" fill="none" className="size-4">
        <path
          d="M4 5.5A2.5 2.5 0 0 1 6.5 3h7A2.5 2.5 0 0 1 16 5.5v5a2.5 2.5 0 0 1-2.5 2.5H9.5L6 16v-3h.5H6.5A2.5 2.5 0 0 1 4 10.5v-5Z"
          fill="currentColor"
          fillOpacity="0.25"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
        <path d="m7.5 8 1.75 1.75L12.75 6.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}
