import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serialize, transformer } from "@/server/trpc/transformer";

/** What goes over the wire: the serialized answer as tRPC writes it. */
const wire = (serialized: unknown) => JSON.stringify(serialized);
const outcome = (f: () => unknown) => {
  try {
    return { ok: wire(f()) };
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
};

/** The same bytes as superjson's, and superjson's client reads back the same value. */
function expectSameAsSuperjson(value: unknown) {
  const fast = outcome(() => serialize(value));
  expect(fast).toEqual(outcome(() => superjson.serialize(value as never)));
  if ("ok" in fast) {
    const read = superjson.deserialize(JSON.parse(fast.ok as string));
    expect(read).toEqual(superjson.deserialize(JSON.parse(wire(superjson.serialize(value as never)))));
  }
}

const row = (i: number) => ({
  id: i,
  number: `2026120510000${i}`,
  title: `Printer on floor ${i}`,
  customerName: i % 2 ? null : "Łucja Kowalska",
  locked: i % 3 === 0,
  escalationAt: i % 2 ? new Date(Date.UTC(2026, 11, 5, 9, i)) : null,
  pendingUntil: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
  changedAt: new Date(Date.UTC(2026, 11, 5, 8, 0, i)),
});

describe("the answer transformer writes superjson's wire format", () => {
  it("a queue-view page: rows with Dates and nulls, a cursor", () => {
    const page = { items: Array.from({ length: 25 }, (_, i) => row(i)), nextCursor: "WyIyMDI2LTEyLTA1VDA4OjAwOjI0LjAwMFoiLDI0XQ" };
    expectSameAsSuperjson(page);
    const out = serialize(page);
    expect(out.meta?.values).toMatchObject({ "items.0.createdAt": ["Date"], "items.1.escalationAt": ["Date"] });
    // Read back by the client as superjson would: Dates are Dates again.
    const read = superjson.deserialize<typeof page>(JSON.parse(wire(out)));
    expect(read.items[1]!.escalationAt).toEqual(new Date(Date.UTC(2026, 11, 5, 9, 1)));
    expect(read.items[1]!.createdAt).toBeInstanceOf(Date);
  });

  it("plain data without Dates carries no meta", () => {
    expect(serialize({ a: [1, "x", true, null, { b: [] }] })).toEqual({ json: { a: [1, "x", true, null, { b: [] }] } });
    expectSameAsSuperjson({ a: [1, "x", true, null, { b: [] }] });
  });

  it("nested Dates, Dates at the top, in arrays, under keys with dots and backslashes", () => {
    const at = new Date(Date.UTC(2026, 4, 17, 12, 30, 5, 250));
    expectSameAsSuperjson(at);
    expectSameAsSuperjson([at, [new Date(0), { when: new Date(1) }]]);
    expectSameAsSuperjson({ "a.b": { "c\\d": new Date(2), "": new Date(3), "10": new Date(4), "2": [new Date(5)] } });
    expectSameAsSuperjson({ deep: { er: { still: [{ x: [[new Date(6)]] }] } }, after: new Date(7) });
    expectSameAsSuperjson(Object.assign(Object.create(null) as object, { at: new Date(8) }));
  });

  it("what superjson annotates otherwise goes through superjson: undefined, BigInt, NaN, -0, Map, Set, errors, shared objects", () => {
    const shared = { id: 1 };
    const sharedDate = new Date(9);
    for (const value of [
      undefined,
      { a: undefined, b: new Date(1) },
      [1, undefined],
      { n: 10n, at: new Date(2) },
      { x: Number.NaN },
      { x: Number.POSITIVE_INFINITY },
      { x: -0 },
      { m: new Map([["k", new Date(3)]]) },
      { s: new Set([1, 2]) },
      { e: new Error("boom") },
      { r: /x/g },
      { u: new URL("https://desk.example/a") },
      { invalid: new Date(Number.NaN) },
      { a: shared, b: shared },
      { a: sharedDate, b: [sharedDate] },
      [1, , 3],
      { klass: new (class Point { x = 1 })() },
    ]) {
      expectSameAsSuperjson(value);
    }
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expectSameAsSuperjson(circular);
  });

  it("keys superjson refuses are refused the same way", () => {
    expectSameAsSuperjson(JSON.parse('{"__proto__": {"x": 1}}'));
    expectSameAsSuperjson({ constructor: 1 });
  });

  it("generated values: the same bytes as superjson, read back the same", () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withMap: true, withSet: true, withBigInt: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: false, maxDepth: 4 }),
        (value) => expectSameAsSuperjson(value),
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.integer(), title: fc.string(), at: fc.option(fc.date({ noInvalidDate: true })), tags: fc.array(fc.string()) })), (rows) =>
        expectSameAsSuperjson({ items: rows, nextCursor: null }),
      ),
      { numRuns: 500 },
    );
  });

  it("generated trees of Dates under index-like and dotted keys keep superjson's order of paths", () => {
    const key = fc.constantFrom("0", "1", "2", "10", "01", "-1", "a", "b.c", "d\\e", "");
    const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.date({ noInvalidDate: true }),
        fc.constantFrom(null, 1, "x", true),
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(key, tie("tree"), { maxKeys: 5 }),
      ),
    }));
    fc.assert(fc.property(tree, (value) => expectSameAsSuperjson(value)), { numRuns: 3000 });
  });

  it("inputs from the client are read by superjson, Dates included", () => {
    const input = { ticketId: 5, pendingUntil: new Date(Date.UTC(2026, 11, 7, 8)), to: ["a@example.com"], note: undefined };
    const sent = JSON.parse(JSON.stringify(superjson.serialize(input)));
    expect(transformer.input.deserialize(sent)).toEqual(input);
    expect(transformer.input.deserialize(sent).pendingUntil).toBeInstanceOf(Date);
    expect(transformer.output.deserialize(JSON.parse(wire(transformer.output.serialize(input))))).toEqual(input);
  });
});
