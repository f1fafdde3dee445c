import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthStates, type Marketplace } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { Invalid } from "@/lib/errors";

// One-time OAuth state: only its hash is stored, it is bound to the user and organization
// that started the flow, lives 10 minutes and can be used once.

export const STATE_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_RETURN_PATH = "/connections";

export const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/** A same-site relative path, or the Connections page: never an open redirect. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 512) return DEFAULT_RETURN_PATH;
  // "//evil.com" and "/\evil.com" are protocol-relative to browsers; tabs and newlines
  // are stripped by URL parsers and could smuggle either, so only printable ASCII passes.
  if (!value.startsWith("/") || value.startsWith("//") || /[^ -~]|\\/.test(value)) return DEFAULT_RETURN_PATH;
  try {
    const url = new URL(value, "https://stockroom.invalid");
    if (url.origin !== "https://stockroom.invalid") return DEFAULT_RETURN_PATH;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_RETURN_PATH;
  }
}

export async function createOAuthState(input: {
  orgId: string;
  userId: string;
  marketplace: Marketplace;
  codeVerifier: string | null;
  account: string | null;
  connectionId: string | null;
  returnTo: string;
  state: string;
}): Promise<void> {
  await db.insert(oauthStates).values({
    stateHash: hashState(input.state),
    orgId: input.orgId,
    userId: input.userId,
    marketplace: input.marketplace,
    codeVerifierEnc: input.codeVerifier ? seal(input.codeVerifier).sealed : null,
    account: input.account,
    connectionId: input.connectionId,
    returnTo: input.returnTo,
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
}

export const newState = () => randomBytes(32).toString("base64url");

export type ClaimedState = { orgId: string; userId: string; connectionId: string | null; codeVerifier: string | null; account: string | null; returnTo: string };

const RESTART = "Start again from the Connections page.";

/**
 * Checks the state returned by the marketplace and marks it used. A state issued to
 * another user is refused without being spent, so a leaked link cannot burn it.
 */
export async function claimOAuthState(state: string | null, marketplace: Marketplace, userId: string): Promise<ClaimedState> {
  if (!state) throw new Invalid(`The marketplace did not send back the connection state. ${RESTART}`);
  const hash = hashState(state);
  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, hash));
  if (!row || row.marketplace !== marketplace) throw new Invalid(`This connection link is not valid. ${RESTART}`);
  if (row.userId !== userId) throw new Invalid(`This connection was started by someone else. ${RESTART}`);
  if (row.usedAt) throw new Invalid(`This connection link was already used. ${RESTART}`);
  if (row.expiresAt.getTime() < Date.now()) throw new Invalid(`This connection link expired (links last 10 minutes). ${RESTART}`);
  const claimed = await db
    .update(oauthStates)
    .set({ usedAt: new Date() })
    .where(and(eq(oauthStates.stateHash, hash), isNull(oauthStates.usedAt)))
    .returning({ stateHash: oauthStates.stateHash });
  if (claimed.length === 0) throw new Invalid(`This connection link was already used. ${RESTART}`);
  return {
    orgId: row.orgId,
    userId: row.userId,
    connectionId: row.connectionId,
    codeVerifier: row.codeVerifierEnc ? open(row.codeVerifierEnc) : null,
    account: row.account,
    returnTo: safeReturnPath(row.returnTo),
  };
}
