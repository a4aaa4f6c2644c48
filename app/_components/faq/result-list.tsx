import Link from "next/link";
import { Card } from "@/app/_components/ui/card";
import { MarkedText } from "./marked-text";

export type FaqResult = { id: number; title: string; text: string; language: string };

/** Articles found or listed: the (marked) title links to the article, the snippet or excerpt under it. */
export function FaqResultList({ items, base, label }: { items: FaqResult[]; base: string; label: string }) {
  return (
    <Card>
      <ul className="divide-y divide-border" aria-label={label}>
        {items.map((item) => (
          <li key={item.id} className="p-4">
            <Link href={`${base}/${item.id}`} className="font-medium text-fg hover:underline" dir="auto" lang={item.language}>
              <MarkedText text={item.title} />
            </Link>
            {item.text && (
              <p className="mt-1 text-sm text-fg-muted" dir="auto" lang={item.language}>
                <MarkedText text={item.text} />
              </p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** A category picker's options, indented by depth in the tree. */
export function CategoryOptions({ categories }: { categories: readonly { id: number; name: string; depth?: number }[] | undefined }) {
  return (
    <>
      {categories?.map((c) => (
        <option key={c.id} value={c.id}>
          {"\u00a0".repeat((c.depth ?? 0) * 2)}
          {c.name}
        </option>
      ))}
    </>
  );
}
