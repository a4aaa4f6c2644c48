import { useId, type HTMLAttributes, type ReactNode, type TableHTMLAttributes, type TdHTMLAttributes, type ThHTMLAttributes } from "react";
import { cn } from "./cn";

type Align = "start" | "center" | "end";
const aligns: Record<Align, string> = { start: "text-start", center: "text-center", end: "text-end" };

export type TableProps = TableHTMLAttributes<HTMLTableElement> & {
  /** Table caption; also labels the scrollable region. */
  caption?: ReactNode;
  /** Keep the caption for screen readers only. */
  captionHidden?: boolean;
  /** Tighter rows for dense lists. */
  dense?: boolean;
  /** Classes for the bordered, horizontally scrolling wrapper. */
  wrapperClassName?: string;
};

/** A table in a bordered wrapper that scrolls sideways on small screens. */
export function Table({ caption, captionHidden, dense, wrapperClassName, className, children, ...rest }: TableProps) {
  const captionId = useId();
  return (
    <div
      {...(caption ? { role: "region", "aria-labelledby": captionId, tabIndex: 0 } : {})}
      data-dense={dense || undefined}
      className={cn(
        // relative: cells' absolutely positioned parts (screen-reader labels) stay inside the scroll box.
        "group/table relative w-full overflow-x-auto rounded-lg border border-border bg-surface shadow-xs",
        wrapperClassName,
      )}
    >
      <table {...rest} className={cn("w-full border-collapse text-sm", className)}>
        {caption && (
          <caption
            id={captionId}
            className={cn(
              captionHidden ? "sr-only" : "border-b border-border px-4 py-3 text-start text-sm font-semibold text-fg",
            )}
          >
            {caption}
          </caption>
        )}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead {...rest} className={cn("bg-surface-muted", className)} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody {...rest} className={cn("[&>tr:last-child>td]:border-b-0", className)} />;
}

export type TrProps = HTMLAttributes<HTMLTableRowElement> & {
  /** Hover highlight for rows that open something. */
  interactive?: boolean;
  selected?: boolean;
};

export function Tr({ interactive, selected, className, ...rest }: TrProps) {
  return (
    <tr
      {...rest}
      data-selected={selected || undefined}
      className={cn(
        interactive && "transition-colors hover:bg-surface-hover motion-reduce:transition-none",
        selected && "bg-accent-subtle/60",
        className,
      )}
    />
  );
}

export type ThProps = Omit<ThHTMLAttributes<HTMLTableCellElement>, "align"> & {
  align?: Align;
  /** Sets aria-sort on a sortable column header. */
  sort?: "ascending" | "descending" | "none";
};

export function Th({ align = "start", sort, scope = "col", className, ...rest }: ThProps) {
  return (
    <th
      {...rest}
      scope={scope}
      aria-sort={sort}
      className={cn(
        "h-10 border-b border-border px-4 text-xs font-medium whitespace-nowrap text-fg-muted",
        "group-data-dense/table:h-9 group-data-dense/table:px-3",
        aligns[align],
        className,
      )}
    />
  );
}

export type TdProps = Omit<TdHTMLAttributes<HTMLTableCellElement>, "align"> & {
  align?: Align;
  /** Tabular figures and no wrapping, for numbers, dates and ticket numbers. */
  numeric?: boolean;
};

export function Td({ align = "start", numeric, className, ...rest }: TdProps) {
  return (
    <td
      {...rest}
      className={cn(
        "border-b border-border px-4 py-3 align-middle text-fg",
        "group-data-dense/table:px-3 group-data-dense/table:py-2",
        numeric && "whitespace-nowrap tabular-nums",
        aligns[align],
        className,
      )}
    />
  );
}
