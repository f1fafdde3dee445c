import { createHash, randomUUID } from "node:crypto";
import { XMLBuilder } from "fast-xml-parser";
import type { Sandbox } from "../../context";
import { nowMs, type EbayLineItem, type EbayOrder } from "../../state";
import { TRADING_NS, TRADING_VERSION } from "./xml";

// Trading API platform notifications: SOAP messages eBay posts to the app's ApplicationURL for
// the events a seller enabled (SetNotificationPreferences). A FixedPriceTransaction carries a
// GetItemTransactions-shaped body; the SOAP header's NotificationSignature is
// base64(md5(Timestamp + DevID + AppID + CertID)), Timestamp being the body's
// (developer.ebay.com/support/kb-article?KBid=1201).

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_" });

export function platformSignature(timestamp: string, keys: { devId: string; appId: string; certId: string }): string {
  return createHash("md5").update(timestamp + keys.devId + keys.appId + keys.certId).digest("base64");
}

/** A FixedPriceTransaction for one line of a Seller Hub sale, if the app and the seller asked for it. */
export function sendFixedPriceTransaction(sb: Sandbox, order: EbayOrder, line: EbayLineItem): void {
  const prefs = sb.state.ebay.platformNotifications;
  if (!sb.config.webhooks.appUrl || !prefs?.enabled || !prefs.applicationUrl) return;
  if (!(prefs.events[order.username] ?? []).includes("FixedPriceTransaction")) return;
  const timestamp = new Date(nowMs(sb.state)).toISOString();
  const transactionId = line.lineItemId;
  const signature = platformSignature(timestamp, { devId: sb.config.ebay.devId, appId: sb.config.ebay.clientId, certId: sb.config.ebay.clientSecret });
  const body = builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    "soapenv:Envelope": {
      "@_xmlns:soapenv": "http://schemas.xmlsoap.org/soap/envelope/",
      "soapenv:Header": { "ebl:RequesterCredentials": { "@_soapenv:mustUnderstand": "0", "@_xmlns:ebl": TRADING_NS, "ebl:NotificationSignature": signature } },
      "soapenv:Body": {
        GetItemTransactionsResponse: {
          "@_xmlns": TRADING_NS,
          Timestamp: timestamp,
          Ack: "Success",
          CorrelationID: randomUUID(),
          Version: TRADING_VERSION,
          NotificationEventName: "FixedPriceTransaction",
          RecipientUserID: order.username,
          Item: { ItemID: line.legacyItemId, ...(line.sku ? { SKU: line.sku } : {}), Title: line.title },
          TransactionArray: {
            Transaction: {
              TransactionID: transactionId,
              QuantityPurchased: String(line.quantity),
              OrderLineItemID: `${line.legacyItemId}-${transactionId}`,
              ContainingOrder: { OrderID: order.orderId },
            },
          },
        },
      },
    },
  }) as string;
  sb.webhooks.send({
    marketplace: "ebay",
    topic: "FixedPriceTransaction",
    url: prefs.applicationUrl,
    id: `${timestamp}:${transactionId}`,
    body,
    contentType: "text/xml",
    sign: () => ({ soapaction: '"FixedPriceTransaction"' }),
  });
}
