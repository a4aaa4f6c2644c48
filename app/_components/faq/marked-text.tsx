import { snippetParts } from "@/server/schemas/search";

/** A snippet or title with the search's matches marked; plain text, never HTML. */
export function MarkedText({ text }: { text: string }) {
  return (
    <>
      {snippetParts(text).map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-sm bg-warning-subtle px-0.5 text-fg">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
