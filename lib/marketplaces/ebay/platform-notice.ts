import { createHash, timingSafeEqual } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { env } from "@/lib/env";
import { NotificationRejected } from "@/lib/notifications/deliveries";
import type { Notice } from "@/lib/notifications/receive";

// Trading API platform notifications, the only sale notification eBay sends for Seller Hub
// listings (the Notification API has no item-sold topic): SOAP posted to the ApplicationURL set
// with SetNotificationPreferences. FixedPriceTransaction carries a GetItemTransactions body. eBay
// signs it in the SOAP header: NotificationSignature = base64(md5(Timestamp + DevID + AppID +
// CertID)), Timestamp being the body's (developer.ebay.com/support/kb-article?KBid=1201); a
// Timestamp far from now is refused as a replay, as eBay advises.

const STALE_MS = 10 * 60_000;
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (name) => name === "Transaction" });

const notice = z.object({
  Envelope: z.object({
    Header: z.object({ RequesterCredentials: z.object({ NotificationSignature: z.string().min(1) }) }),
    Body: z.object({
      GetItemTransactionsResponse: z.looseObject({
        Timestamp: z.string().min(1),
        NotificationEventName: z.string(),
        RecipientUserID: z.string().min(1),
        TransactionArray: z.object({ Transaction: z.array(z.looseObject({ TransactionID: z.string().min(1), ContainingOrder: z.object({ OrderID: z.string().min(1) }).optional() })) }),
      }),
    }),
  }),
});

export function platformSignature(timestamp: string): string {
  const e = env();
  return createHash("md5").update(timestamp + e.EBAY_DEV_ID + e.EBAY_CLIENT_ID + e.EBAY_CLIENT_SECRET).digest("base64");
}

/** Verifies a FixedPriceTransaction as received; throws NotificationRejected for anything eBay did not sign just now. */
export function verifyPlatformNotification(rawXml: string, now = Date.now()) {
  let doc: unknown;
  try {
    doc = parser.parse(rawXml);
  } catch {
    throw new NotificationRejected(400, "malformed", "The notification is not XML.");
  }
  const signature = (doc as { Envelope?: { Header?: { RequesterCredentials?: { NotificationSignature?: unknown } } } })?.Envelope?.Header?.RequesterCredentials?.NotificationSignature;
  if (typeof signature !== "string" || !signature) throw new NotificationRejected(400, "unsigned", "Missing NotificationSignature: not a signed eBay platform notification.");
  const parsed = notice.safeParse(doc);
  if (!parsed.success) throw new NotificationRejected(400, "malformed", "Not a FixedPriceTransaction notification (Timestamp, RecipientUserID and a transaction are required).");
  const body = parsed.data.Envelope.Body.GetItemTransactionsResponse;
  const expected = Buffer.from(platformSignature(body.Timestamp));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new NotificationRejected(401, "bad_signature", "The NotificationSignature does not match (check EBAY_DEV_ID, EBAY_CLIENT_ID and EBAY_CLIENT_SECRET).");
  const at = Date.parse(body.Timestamp);
  if (Number.isNaN(at) || Math.abs(now - at) > STALE_MS) throw new NotificationRejected(401, "stale", "The notification's Timestamp is more than 10 minutes from now: refused as a possible replay.");
  return body;
}

/** A verified notification as the pipeline's notices: one per transaction, each naming its order. */
export function platformNotices(rawXml: string): Notice[] {
  const body = verifyPlatformNotification(rawXml);
  return body.TransactionArray.Transaction.map((t) => ({
    source: "ebay-trading",
    // The signature covers the Timestamp only: with the transaction it names one delivery.
    deliveryId: `${body.Timestamp}:${t.TransactionID}`,
    topic: body.NotificationEventName,
    marketplace: "ebay",
    account: [body.RecipientUserID],
    orderId: body.NotificationEventName === "FixedPriceTransaction" ? (t.ContainingOrder?.OrderID ?? null) : null,
  }));
}
