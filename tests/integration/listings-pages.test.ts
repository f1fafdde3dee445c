import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { ApiSession, ListingWithItems, Page } from "@/lib/marketplaces/types";
import { importListingsPages } from "@/lib/sync/listings-pages";
import { startRun } from "@/lib/sync/runs";
import { item, itemsOf, listing, makeConnection, makeOrg } from "./sync-fixtures";

// A shop of three pages ("p0" -> "p1" -> "p2"), two listings each, behind a counted session.
function shop(opts: { failOn?: string } = {}) {
  const pages: Record<string, Page<ListingWithItems>> = {
    p0: { items: [listing("L1", [item("I1", "A-1", 5)]), listing("L2", [item("I2", "A-2", 5)])], nextCursor: "p1", total: 6 },
    p1: { items: [listing("L3", [item("I3", "A-3", 5)]), listing("L4", [item("I4", "A-4", 5)])], nextCursor: "p2", total: 6 },
    p2: { items: [listing("L5", [item("I5", "A-5", 5)]), listing("L6", [item("I6", "A-6", 5)])], nextCursor: null, total: 6 },
  };
  const fetched: string[] = [];
  const adapter = {
    fetchListings: async (s: ApiSession, cursor: string | null) => {
      const c = cursor ?? "p0";
      fetched.push(c);
      s.onCall?.("getListings");
      await new Promise((r) => setTimeout(r, 20));
      if (c === opts.failOn) throw new Error(`page ${c} failed`);
      return pages[c];
    },
  };
  // A step's session counts that step's calls (run.ts countedSession): one per step.
  const counted = () => {
    let calls = 0;
    return { session: { onCall: () => calls++ } as unknown as ApiSession, calls: () => calls };
  };
  return { adapter, counted, fetched };
}

async function setup() {
  const org = await makeOrg();
  const conn = await makeConnection(org.id, "etsy");
  const runId = await startRun(conn, "listings", "manual");
  const apiCalls = async () => (await db.select({ n: syncRuns.apiCalls }).from(syncRuns).where(eq(syncRuns.id, runId)))[0].n;
  return { conn, runId, apiCalls };
}

describe("listings pages, fetched while the page before is imported", () => {
  it("reads the next page before the current one is written", async () => {
    const { conn, runId, apiCalls } = await setup();
    const s = shop();
    const seenAtFetch: Record<string, number> = {};
    const fetchListings = s.adapter.fetchListings;
    s.adapter.fetchListings = async (session, cursor) => {
      seenAtFetch[cursor ?? "p0"] = (await itemsOf(conn.id)).length;
      return fetchListings(session, cursor);
    };
    const r = await importListingsPages(conn, s.adapter, s.counted(), runId, null);

    expect(r.next).toBeNull();
    expect(r.productIds).toHaveLength(6);
    expect((await itemsOf(conn.id)).length).toBe(6);
    // Each page after the first was asked for before its predecessor's items were stored.
    expect(seenAtFetch).toEqual({ p0: 0, p1: 0, p2: 2 });
    expect(await apiCalls()).toBe(3);
  });

  it("stops after its time budget and hands the rest to the next step", async () => {
    const { conn, runId } = await setup();
    const s = shop();
    const first = await importListingsPages(conn, s.adapter, s.counted(), runId, null, 0);
    expect(first.next).toBe("p1");
    expect(s.fetched).toEqual(["p0"]);
    const rest = await importListingsPages(conn, s.adapter, s.counted(), runId, first.next);
    expect(rest.next).toBeNull();
    expect(s.fetched).toEqual(["p0", "p1", "p2"]);
    expect((await itemsOf(conn.id)).length).toBe(6);
  });

  it("a fetch failing after a page was imported ends the step at that page, its call counted", async () => {
    const { conn, runId, apiCalls } = await setup();
    const s = shop({ failOn: "p1" });
    const r = await importListingsPages(conn, s.adapter, s.counted(), runId, null);
    expect(r.next).toBe("p1");
    expect((await itemsOf(conn.id)).length).toBe(2);
    expect(await apiCalls()).toBe(2);
    // The retry of that page is the next step's: alone, it throws.
    await expect(importListingsPages(conn, s.adapter, s.counted(), runId, r.next)).rejects.toThrow("page p1 failed");
    expect(await apiCalls()).toBe(3);
  });

  it("a first fetch that fails throws, so the step's own retries take over", async () => {
    const { conn, runId, apiCalls } = await setup();
    const s = shop({ failOn: "p0" });
    await expect(importListingsPages(conn, s.adapter, s.counted(), runId, null)).rejects.toThrow("page p0 failed");
    expect(await apiCalls()).toBe(1);
  });
});
