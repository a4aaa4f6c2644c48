import type { ReactNode } from "react";
import { cn } from "./cn";

export type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons at the end of the header; they wrap under the title on small screens. */
  actions?: ReactNode;
  /** Small content above the title: a back link or breadcrumbs. */
  eyebrow?: ReactNode;
  /** Content under the description: badges, metadata. */
  meta?: ReactNode;
  className?: string;
};

/** The page's single <h1>, with its description and primary actions. */
export function PageHeader({ title, description, actions, eyebrow, meta, className }: PageHeaderProps) {
  return (
    <header className={cn("mb-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-4", className)}>
      <div className="min-w-0 flex-1 basis-72">
        {eyebrow && <div className="mb-2 text-sm text-fg-muted">{eyebrow}</div>}
        <h1 className="text-xl font-semibold tracking-tight text-balance text-fg sm:text-2xl">{title}</h1>
        {description && <p className="mt-1.5 max-w-3xl text-sm text-pretty text-fg-muted">{description}</p>}
        {meta && <div className="mt-3 flex flex-wrap items-center gap-2">{meta}</div>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}
