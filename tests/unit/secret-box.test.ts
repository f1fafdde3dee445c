import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, parseKeyring, seal, SecretBoxError } from "@/lib/crypto/secret-box";

const k = () => randomBytes(32).toString("base64");
const a = `a:${k()}`;
const b = `b:${k()}`;

describe("secret box", () => {
  it("opens what it sealed, with a fresh IV every time", () => {
    const ring = parseKeyring(a);
    const one = seal("etsy-refresh-token", ring);
    const two = seal("etsy-refresh-token", ring);
    expect(one.keyId).toBe("a");
    expect(one.sealed).not.toBe(two.sealed);
    expect(one.sealed).not.toContain("etsy-refresh-token");
    expect(open(one.sealed, ring)).toBe("etsy-refresh-token");
    expect(open(two.sealed, ring)).toBe("etsy-refresh-token");
  });

  it.each([
    ["ciphertext", 3],
    ["auth tag", 2],
    ["iv", 1],
  ])("refuses a value whose %s was tampered with", (_name, index) => {
    const ring = parseKeyring(a);
    const parts = seal("secret", ring).sealed.split(".");
    const raw = Buffer.from(parts[index] ?? "", "base64url");
    raw[0] = (raw[0] ?? 0) ^ 1;
    parts[index] = raw.toString("base64url");
    expect(() => open(parts.join("."), ring)).toThrow(SecretBoxError);
  });

  it("refuses a value relabelled with another key id", () => {
    const ring = parseKeyring(`${a},${b}`);
    const parts = seal("secret", ring).sealed.split(".");
    parts[0] = "b";
    expect(() => open(parts.join("."), ring)).toThrow(SecretBoxError);
  });

  it("refuses a value sealed with a key it does not know", () => {
    const sealed = seal("secret", parseKeyring(a)).sealed;
    expect(() => open(sealed, parseKeyring(b))).toThrow(/unknown key "a"/);
  });

  it("keeps opening old values after a new key is put first (rotation)", () => {
    const old = seal("old token", parseKeyring(a)).sealed;
    const rotated = parseKeyring(`${b},${a}`);
    expect(open(old, rotated)).toBe("old token");
    const fresh = seal("new token", rotated);
    expect(fresh.keyId).toBe("b");
    expect(open(fresh.sealed, rotated)).toBe("new token");
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => parseKeyring(`short:${Buffer.from("abc").toString("base64")}`)).toThrow(SecretBoxError);
  });
});
