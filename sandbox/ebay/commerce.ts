import { randomUUID } from "node:crypto";
import type { Sandbox } from "../context";
import { json, type Handler, type Res } from "../http";
import { countCall } from "../stats";
import { nowMs } from "../state";
import { ebayAdmit, ebayAuthenticate, ebayError } from "./api";
import { ebaySignature } from "./notification";

// Commerce APIs outside our vendored specs, kept to the minimal shapes Stockroom reads:
// Identity getUser and Notification getPublicKey, plus the signed
// MARKETPLACE_ACCOUNT_DELETION notice. https://developer.ebay.com/marketplace-account-deletion

function gated(sb: Sandbox, api: "identity" | "notification", operationId: string): Res | null {
  countCall(sb.stats, "ebay", operationId);
  const admitted = ebayAdmit(api)(sb);
  if (!admitted.ok) {
    sb.stats.ebay.rate_limited += 1;
    return admitted.res;
  }
  return null;
}

export const getUser: Handler = (req) => {
  const sb = req.sandbox;
  const blocked = gated(sb, "identity", "getUser");
  if (blocked) return blocked;
  const auth = ebayAuthenticate(sb, req);
  if (!auth.ok) return auth.res;
  const seller = sb.state.ebay.sellers[auth.subject ?? ""];
  if (!seller) return ebayError("identity", 404, "User not found.");
  return json(200, { userId: seller.userId, ...(seller.usernameWithheld ? {} : { username: seller.username }), accountType: "INDIVIDUAL", registrationMarketplaceId: "EBAY_US" });
};

export const getPublicKey: Handler = (req) => {
  const sb = req.sandbox;
  const blocked = gated(sb, "notification", "getPublicKey");
  if (blocked) return blocked;
  const auth = ebayAuthenticate(sb, req, true);
  if (!auth.ok) return auth.res;
  if (req.params.public_key_id !== sb.notificationKey.kid) return ebayError("notification", 404, "The specified public key was not found.", 195001);
  return json(200, { key: sb.notificationKey.publicPem, algorithm: "ECDSA", digest: "SHA1" });
};

/** Sends a signed deletion notice to the endpoint, as eBay does; returns what it answered. */
export async function sendAccountDeletion(sb: Sandbox, username: string, userId: string, endpoint: string): Promise<{ status: number; body: string }> {
  const at = new Date(nowMs(sb.state)).toISOString();
  const payload = JSON.stringify({
    metadata: { topic: "MARKETPLACE_ACCOUNT_DELETION", schemaVersion: "1.0", deprecated: false },
    notification: { notificationId: randomUUID(), eventDate: at, publishDate: at, publishAttemptCount: 1, data: { username, userId, eiasToken: Buffer.from(userId).toString("base64") } },
  });
  const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", "x-ebay-signature": ebaySignature(sb, payload) }, body: payload });
  return { status: res.status, body: await res.text() };
}
