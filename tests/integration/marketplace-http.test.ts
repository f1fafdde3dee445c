import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { rowsOf } from "@/db/sets";
import { AuthExpired, Invalid, NotFound, RateLimited, Unavailable } from "@/lib/errors";
import { marketplaceFetch, type HttpOptions } from "@/lib/marketplaces/http";
import type { ApiSession } from "@/lib/marketplaces/types";
import { json, startFakeApi } from "../support/fake-api";

beforeAll(() => migrateDb());

const budget = (perSecond = 1000, perDay: number | null = null) => ({ appKey: `test:${randomUUID()}`, perSecond, perDay });

function session(tokens: string[] = ["token-1", "token-2"]) {
  const calls: string[] = [];
  let current = 0;
  let refreshes = 0;
  const s: ApiSession = {
    connectionId: "c1",
    externalId: "shop",
    externalUserId: null,
    accessToken: async () => tokens[current] ?? "none",
    refreshAccessToken: async () => {
      refreshes++;
      current++;
      return tokens[current] ?? "none";
    },
    onCall: (op) => calls.push(op),
  };
  return { s, calls, refreshes: () => refreshes };
}

const call = (opts: HttpOptions, url: string, init?: RequestInit) => marketplaceFetch(opts)(new Request(url, init));

describe("marketplace HTTP layer", () => {
  it("waits as long as retry-after says, then succeeds", async () => {
    const api = await startFakeApi((_req, res, _hit, i) => (i === 0 ? json(res, 429, { error: "slow down" }, { "retry-after": "1" }) : json(res, 200, { ok: true })));
    try {
      const started = Date.now();
      const res = await call({ marketplace: "etsy", budget: budget() }, `${api.url}/v3/application/shops/1/receipts`);
      expect(await res.json()).toEqual({ ok: true });
      expect(api.hits).toHaveLength(2);
      expect((api.hits[1]?.at ?? 0) - (api.hits[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await api.close();
    }
  });

  it("backs off exponentially on 5xx and gives up with a clear error", async () => {
    const api = await startFakeApi((_req, res) => json(res, 503, { errors: [{ message: "Service busy" }] }));
    try {
      const err = await call({ marketplace: "ebay", budget: budget(), maxRetries: 3, baseDelayMs: 100 }, `${api.url}/sell/fulfillment/v1/order`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Unavailable);
      expect((err as Error).message).toMatch(/eBay had a problem \(HTTP 503/);
      expect(api.hits).toHaveLength(4);
      const gaps = api.hits.slice(1).map((h, i) => h.at - (api.hits[i]?.at ?? 0));
      // Full-jitter halves: at least 50, 100, 200 ms.
      expect(gaps[0]).toBeGreaterThanOrEqual(45);
      expect(gaps[1]).toBeGreaterThanOrEqual(95);
      expect(gaps[2]).toBeGreaterThanOrEqual(195);
    } finally {
      await api.close();
    }
  });

  it("refreshes the token once on a 401 and retries with the new one", async () => {
    const api = await startFakeApi((_req, res, hit) => (hit.authorization === "Bearer token-2" ? json(res, 200, { ok: 1 }) : json(res, 401, { error: "invalid_token" })));
    const { s, calls, refreshes } = session();
    try {
      await call({ marketplace: "etsy", budget: budget(), session: s }, `${api.url}/v3/application/users/me`);
      expect(refreshes()).toBe(1);
      expect(api.hits.map((h) => h.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
      expect(calls).toEqual(["GET /v3/application/users/me", "GET /v3/application/users/me"]);
    } finally {
      await api.close();
    }
  });

  it("a second 401 after refreshing means the seller must reconnect, and the message never shows the token", async () => {
    const api = await startFakeApi((_req, res, hit) => json(res, 401, { error: `token ${hit.authorization?.slice(7)} is revoked` }));
    const { s, refreshes } = session(["secret-a", "secret-b"]);
    const rejected: string[] = [];
    s.onAuthRejected = async (message) => {
      rejected.push(message);
    };
    try {
      const err = await call({ marketplace: "etsy", budget: budget(), session: s }, `${api.url}/v3/application/users/me`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthExpired);
      expect(refreshes()).toBe(1);
      expect((err as Error).message).not.toMatch(/secret-/);
      expect((err as Error).message).toMatch(/Reconnect/);
      expect(rejected).toEqual([(err as Error).message]);
    } finally {
      await api.close();
    }
  });

  it.each([
    [400, Invalid],
    [404, NotFound],
  ] as const)("maps HTTP %i to a typed error without retrying", async (status, type) => {
    const api = await startFakeApi((_req, res) => json(res, status, { error: "Bearer abc.def is not allowed here" }));
    try {
      const err = await call({ marketplace: "etsy", budget: budget() }, `${api.url}/v3/application/listings/42`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(type);
      expect((err as Error).message).not.toContain("abc.def");
      expect(api.hits).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it("times out a call that hangs and retries it", async () => {
    const api = await startFakeApi((_req, res, _hit, i) => {
      if (i > 0) json(res, 200, { ok: true });
    });
    try {
      const res = await call({ marketplace: "etsy", budget: budget(), timeoutMs: 200, baseDelayMs: 10 }, `${api.url}/v3/application/openapi-ping`);
      expect(res.status).toBe(200);
      expect(api.hits).toHaveLength(2);
    } finally {
      await api.close();
    }
  });

  it("turns a long retry-after into RateLimited for the caller to reschedule", async () => {
    const api = await startFakeApi((_req, res) => json(res, 429, { error: "daily limit" }, { "retry-after": "3600" }));
    try {
      const err = await call({ marketplace: "etsy", budget: budget(), maxWaitMs: 5000 }, `${api.url}/x`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
      expect((err as RateLimited).retryAfterMs).toBe(3_600_000);
      expect(api.hits).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it("shares one per-second budget between two processes using the same app key", async () => {
    const api = await startFakeApi((_req, res) => json(res, 200, {}));
    const shared = budget(10);
    // Two independent HTTP layers stand for two workers: nothing is shared but the database.
    const workerA = marketplaceFetch({ marketplace: "etsy", budget: shared });
    const workerB = marketplaceFetch({ marketplace: "etsy", budget: shared });
    try {
      const started = Date.now();
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? workerA : workerB)(new Request(`${api.url}/r/${i}`))));
      // No burst: calls are spaced a little over 100 ms apart, so 30 take about three seconds.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2800);
      // 10 in any second (two workers without a shared budget would send 20), plus one of
      // slack: on a busy machine a call can reach the server tens of milliseconds late.
      const times = api.hits.map((h) => h.at).sort((a, b) => a - b);
      for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(11);
    } finally {
      await api.close();
    }
  });

  it("stops at the daily budget", async () => {
    const api = await startFakeApi((_req, res) => json(res, 200, {}));
    const daily = budget(1000, 3);
    try {
      for (let i = 0; i < 3; i++) await call({ marketplace: "etsy", budget: daily }, `${api.url}/ok`);
      const err = await call({ marketplace: "etsy", budget: daily }, `${api.url}/ok`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
      expect((err as Error).message).toMatch(/Today's marketplace request budget/);
      expect(api.hits).toHaveLength(3);
      // The refused call gave its per-second token back (an accepted call leaves the bucket at 0).
      const [bucket] = rowsOf<{ tokens: number }>(await db.execute(sql`select tokens from rate_limit_buckets where app_key = ${daily.appKey}`));
      expect(Number(bucket.tokens)).toBe(1);
    } finally {
      await api.close();
    }
  });
});
