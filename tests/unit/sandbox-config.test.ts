import { describe, expect, it } from "vitest";
import { configFromEnv, resolveConfig } from "@/sandbox/config";

describe("sandbox configuration", () => {
  it("defaults match the app's defaults, so npm run dev needs no configuration", () => {
    const { port, config } = configFromEnv({});
    const c = resolveConfig(config);
    expect(port).toBe(4010);
    expect(c.etsy).toEqual({
      keystring: "sandbox-etsy-key",
      sharedSecret: "sandbox-etsy-secret",
      redirectUris: ["http://localhost:3000/api/connections/etsy/callback"],
      ratePerSecond: 10,
      ratePerDay: 10_000,
      webhookSecret: "whsec_c3RvY2tyb29tLXNhbmRib3gtZXRzeS13ZWJob29rcyE=",
    });
    // Signed with the secret the app's ETSY_WEBHOOK_SECRET defaults to, sent to the app on :3000.
    expect(c.webhooks.appUrl).toBe("http://localhost:3000");
    expect(resolveConfig({}).webhooks.appUrl).toBeNull();
    expect(configFromEnv({ SANDBOX_WEBHOOK_URL: "http://127.0.0.1:3300/" }).config.webhooks?.appUrl).toBe("http://127.0.0.1:3300");
    expect(configFromEnv({ SANDBOX_WEBHOOK_URL: "off" }).config.webhooks?.appUrl).toBeNull();
    expect(c.ebay).toMatchObject({ clientId: "sandbox-ebay-client", clientSecret: "sandbox-ebay-secret", ruName: "sandbox-runame", redirectUrl: "http://localhost:3000/api/connections/ebay/callback" });
    expect(c.seedDemo).toBe(true);
    expect(c.dataFile).toBeNull();
  });

  it("reads overrides from the environment", () => {
    const { port, config } = configFromEnv({
      SANDBOX_PORT: "4110",
      SANDBOX_ETSY_REDIRECT_URIS: "http://a/cb, http://b/cb",
      SANDBOX_ETSY_RATE_PER_SECOND: "5",
      SANDBOX_EBAY_DAILY_LIMIT_FULFILLMENT: "7",
      SANDBOX_DATA: "/tmp/x.json",
      SANDBOX_SEED: "off",
    });
    const c = resolveConfig(config);
    expect(port).toBe(4110);
    expect(c.etsy.redirectUris).toEqual(["http://a/cb", "http://b/cb"]);
    expect(c.etsy.ratePerSecond).toBe(5);
    expect(c.ebay.dailyLimits.fulfillment).toBe(7);
    expect(c.ebay.dailyLimits.inventory).toBe(2_000_000);
    expect(c.dataFile).toBe("/tmp/x.json");
    expect(c.seedDemo).toBe(false);
  });

  it("refuses a non-numeric limit instead of silently using a default", () => {
    expect(() => configFromEnv({ SANDBOX_ETSY_RATE_PER_DAY: "lots" })).toThrow(/lots/);
  });
});
