import { describe, expect, it } from "vitest";
import { parseOrdersFilter } from "@/sandbox/ebay/orders-filter";

const now = Date.parse("2026-06-01T00:00:00.000Z");

describe("parseOrdersFilter", () => {
  it.each([
    ["no filter", undefined, { creation: null, lastModified: null, statuses: null }],
    ["open-ended lastmodifieddate", "lastmodifieddate:[2026-05-01T00:00:00.000Z..]", { lastModified: { from: Date.parse("2026-05-01T00:00:00.000Z"), to: null } }],
    [
      "creation range and statuses",
      "creationdate:[2026-05-01T00:00:00.000Z..2026-05-02T00:00:00.000Z],orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}",
      { creation: { from: Date.parse("2026-05-01T00:00:00.000Z"), to: Date.parse("2026-05-02T00:00:00.000Z") }, statuses: ["NOT_STARTED", "IN_PROGRESS"] },
    ],
  ])("%s", (_label, filter, expected) => {
    expect(parseOrdersFilter(filter, now)).toMatchObject(expected);
  });

  it.each([
    ["unknown name", "color:{red}", 30700],
    ["bad date", "lastmodifieddate:[2026-05-01..]", 30810],
    ["missing start", "lastmodifieddate:[..2026-05-01T00:00:00.000Z]", 30820],
    ["start after end", "creationdate:[2026-05-02T00:00:00.000Z..2026-05-01T00:00:00.000Z]", 30840],
    ["future start", "creationdate:[2027-01-01T00:00:00.000Z..]", 30850],
    ["bad status", "orderfulfillmentstatus:{SHIPPED}", 30800],
  ])("refuses %s", (_label, filter, errorId) => {
    expect(parseOrdersFilter(filter, now)).toMatchObject({ errorId });
  });
});
