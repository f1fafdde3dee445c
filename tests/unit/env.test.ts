import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { devMailboxEnabled, EnvError, parseEnv } from "@/lib/env";

const secrets = { AUTH_SECRET: "x".repeat(40), ENCRYPTION_KEY: "k1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=" };

describe("parseEnv", () => {
  it.each([
    ["DATABASE_URL", { DATABASE_URL: "not a url" }],
    ["SMTP_URL", { SMTP_URL: "mail-server" }],
    ["ETSY_POLLING_INTERVAL_ORDERS", { ETSY_POLLING_INTERVAL_ORDERS: "0" }],
    ["LOW_STOCK_THRESHOLD", { LOW_STOCK_THRESHOLD: "-1" }],
    ["ENCRYPTION_KEY", { ENCRYPTION_KEY: "no-key-id" }],
    ["AUTH_SECRET", { AUTH_SECRET: "short" }],
    ["SCHEDULER", { SCHEDULER: "cron" }],
    ["SUPPORT_EMAIL", { SUPPORT_EMAIL: "support" }],
  ])("stops with a message naming %s when it is wrong", (name, bad) => {
    expect(() => parseEnv({ ...secrets, ...bad })).toThrow(EnvError);
    expect(() => parseEnv({ ...secrets, ...bad })).toThrow(new RegExp(`^\\s+${name}:`, "m"));
  });

  it("fills the embedded defaults when nothing is set", () => {
    const e = parseEnv(secrets);
    expect(e.APP_URL).toBe("http://localhost:3000");
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.ETSY_API_BASE).toBe("http://localhost:4010/etsy");
    expect(e.ADMIN_EMAILS).toEqual([]);
    expect(e.LOW_STOCK_THRESHOLD).toBe(5);
  });

  it("treats empty values as unset and splits ADMIN_EMAILS", () => {
    const e = parseEnv({ ...secrets, SMTP_URL: "", ADMIN_EMAILS: " a@x.test, b@x.test ,," });
    expect(e.SMTP_URL).toBeUndefined();
    expect(e.ADMIN_EMAILS).toEqual(["a@x.test", "b@x.test"]);
  });

  it("generates local secrets once into DATA_DIR and reuses them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stockroom-env-"));
    const first = parseEnv({ DATA_DIR: dir });
    const second = parseEnv({ DATA_DIR: dir });
    expect(first.AUTH_SECRET).toHaveLength(43);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")).ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
  });

  it("requires real secrets in production with a database", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x" })).toThrow(/AUTH_SECRET and ENCRYPTION_KEY are required/);
  });

  it("lets `next build` load modules without production secrets, failing only if one is read", () => {
    const e = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", NEXT_PHASE: "phase-production-build" });
    expect(e.LOW_STOCK_CHECK_INTERVAL).toBe(15);
    expect(() => e.ENCRYPTION_KEY).toThrow(/not available while building/);
  });

  it("shows the dev mailbox outside production unless told otherwise", () => {
    expect(devMailboxEnabled(parseEnv(secrets))).toBe(true);
    expect(devMailboxEnabled(parseEnv({ ...secrets, NODE_ENV: "production" }))).toBe(false);
    expect(devMailboxEnabled(parseEnv({ ...secrets, NODE_ENV: "production", DEV_MAILBOX: "true" }))).toBe(true);
  });
});
