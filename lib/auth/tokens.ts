import { createHash, randomBytes } from "node:crypto";

/** A secret for a link (reset, invitation): only its SHA-256 is stored, so a database leak cannot use it. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
