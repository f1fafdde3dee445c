import { describe, expect, it } from "vitest";
import { sessionStillValid } from "@/lib/auth/session";

describe("sessionStillValid", () => {
  const reset = new Date("2026-11-23T10:00:00Z");

  it("keeps sessions of a user who never reset their password", () => {
    expect(sessionStillValid({ disabledAt: null, sessionsValidFrom: null }, 0)).toBe(true);
  });

  it("ends sessions signed in before a password reset and keeps later ones", () => {
    expect(sessionStillValid({ disabledAt: null, sessionsValidFrom: reset }, reset.getTime() - 1)).toBe(false);
    expect(sessionStillValid({ disabledAt: null, sessionsValidFrom: reset }, reset.getTime())).toBe(true);
  });

  it("ends every session of a disabled user", () => {
    expect(sessionStillValid({ disabledAt: reset, sessionsValidFrom: null }, Date.now())).toBe(false);
  });
});
