import { describe, expect, it } from "vitest";
import { parseStockCsv, planStockCsv } from "@/lib/inventory/csv";

const stock = new Map([
  ["MUG", { id: "p1", title: "Mug", onHand: 5 }],
  ["BOWL", { id: "p2", title: "Bowl", onHand: 1 }],
]);

describe("reading a stock CSV", () => {
  it.each([
    ["no sku column", "name,on_hand\nMug,3\n", /sku column/],
    ["no quantity column", "sku,title\nMUG,Mug\n", /on_hand column/],
    ["both modes", "sku,on_hand,delta\nMUG,3,1\n", /not both/],
  ])("rejects a bad header: %s", (_name, text, message) => {
    const r = parseStockCsv(text);
    expect(r.errors).toEqual([{ line: 1, sku: null, message: expect.stringMatching(message) }]);
  });

  it("numbers errors by file line, skips blank lines and ignores extra columns", () => {
    const r = parseStockCsv("title,SKU,On Hand\nMug,MUG,7\n\nBowl,BOWL,2.5\nX,,3\nY,Y,-1\nMug again,MUG,1\n");
    expect(r.mode).toBe("on_hand");
    expect(r.rows).toEqual([{ line: 2, sku: "MUG", value: 7 }]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [4, 'on_hand must be a whole number, got "2.5".'],
      [5, "The SKU is empty."],
      [6, "on_hand cannot be negative."],
      [7, "MUG already appears on line 2."],
    ]);
  });

  it("reads deltas with signs and undoes the export's formula escaping", () => {
    const r = parseStockCsv("sku,delta\r\n'-MUG,+3\r\nBOWL,'-1\r\n");
    expect(r).toEqual({ mode: "delta", rows: [{ line: 2, sku: "-MUG", value: 3 }, { line: 3, sku: "BOWL", value: -1 }], errors: [] });
  });
});

describe("planning a stock CSV", () => {
  it.each([
    ["sets on hand", "sku,on_hand\nMUG,9\n", [{ sku: "MUG", before: 5, after: 9, delta: 4 }], 0, []],
    ["counts unchanged rows apart", "sku,on_hand\nMUG,5\nBOWL,0\n", [{ sku: "BOWL", before: 1, after: 0, delta: -1 }], 1, []],
    ["adds deltas", "sku,delta\nMUG,-5\n", [{ sku: "MUG", before: 5, after: 0, delta: -5 }], 0, []],
    ["refuses a negative result", "sku,delta\nBOWL,-2\n", [], 0, [[2, "BOWL has 1 on hand; -2 would make it -1."]]],
    ["refuses an unknown SKU", "sku,on_hand\nMUG,1\nNOPE,4\n", [{ sku: "MUG" }], 0, [[3, "Unknown SKU NOPE: no product has it."]]],
  ])("%s", (_name, text, changes, unchanged, errors) => {
    const plan = planStockCsv(parseStockCsv(text), stock);
    expect(plan.changes).toEqual(changes.map((c) => expect.objectContaining(c)));
    expect(plan.unchanged).toBe(unchanged);
    expect(plan.errors.map((e) => [e.line, e.message])).toEqual(errors);
  });
});
