import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export type CardProps = HTMLAttributes<HTMLElement> & {
  /** Render as <section> (give it aria-labelledby) or <article>; defaults to <div>. */
  as?: "div" | "section" | "article";
};

export function Card({ as: Tag = "div", className, ...rest }: CardProps) {
  return (
    <Tag
      {...rest}
      className={cn("rounded-lg border border-border bg-surface text-fg shadow-sm", className)}
    />
  );
}

export type CardHeaderProps = Omit<HTMLAttributes<HTMLDivElement>, "title"> & {
  title?: ReactNode;
  /** id for the title, so a <Card as="section" aria-labelledby> can point at it. */
  titleId?: string;
  titleAs?: "h2" | "h3";
  description?: ReactNode;
  actions?: ReactNode;
};

export function CardHeader({
  title,
  titleId,
  titleAs: Heading = "h2",
  description,
  actions,
  className,
  children,
  ...rest
}: CardHeaderProps) {
  return (
    <div
      {...rest}
      className={cn("flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4", className)}
    >
      <div className="min-w-0 flex-1">
        {title && (
          <Heading id={titleId} className="text-[15px] font-semibold text-fg">
            {title}
          </Heading>
        )}
        {description && <p className="mt-0.5 text-sm text-fg-muted">{description}</p>}
        {children}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return <div {...rest} className={cn("px-5 py-4", className)} />;
}

export function CardFooter({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      {...rest}
      className={cn(
        "flex flex-wrap items-center justify-end gap-2 rounded-b-lg border-t border-border bg-surface-muted px-5 py-3",
        className,
      )}
    />
  );
}
