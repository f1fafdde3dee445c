import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/security-headers";

describe("security headers", () => {
  it("production: a nonce CSP without eval, no framing, no sniffing, HSTS on https", () => {
    const h = securityHeaders({ nonce: "abc", dev: false, appUrl: "https://stockroom.example" });
    expect(h["content-security-policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"]).toMatch(/max-age=31536000/);
  });

  it("no HSTS over plain http; dev allows eval and the HMR socket", () => {
    const h = securityHeaders({ nonce: "abc", dev: true, appUrl: "http://localhost:3000" });
    expect(h["strict-transport-security"]).toBeUndefined();
    expect(h["content-security-policy"]).toContain("'unsafe-eval'");
    expect(h["content-security-policy"]).toContain("connect-src 'self' ws: wss:");
  });
});
