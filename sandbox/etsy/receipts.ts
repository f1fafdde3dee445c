import type { Sandbox } from "../context";
import { nowSec, type EtsyReceipt } from "../state";
import { receiptSubtotal } from "./present";
import { settleState, type ControlError } from "./seller";
import { sendEtsyOrderEvent } from "../webhooks";

// What happens to an order after the sale, on Etsy's side. Receipts are static records:
// cancellations and refunds change the status but NOT `updated_timestamp`, so
// `min_last_modified` polling never sees them (etsy/open-api issues 232, 513, 604).
// Shipping and delivery do move it.

function receiptOf(sb: Sandbox, receiptId: number): EtsyReceipt | ControlError {
  return sb.state.etsy.receipts[String(receiptId)] ?? { status: 404, message: `Receipt ${receiptId} not found.` };
}

/** A cancelled order puts its quantities back (matched by SKU or values: product ids change on updates). */
export function cancelReceipt(sb: Sandbox, receiptId: number): { ok: true } | ControlError {
  const state = sb.state;
  const receipt = receiptOf(sb, receiptId);
  if ("status" in receipt) return receipt;
  if (receipt.canceled) return { status: 409, message: `Receipt ${receiptId} is already canceled.` };
  const now = nowSec(state);
  for (const t of receipt.transactions) {
    const listing = state.etsy.listings[String(t.listing_id)];
    if (!listing) continue;
    const values = JSON.stringify(t.product_data.map((pv) => pv.values));
    const product =
      listing.products.find((p) => !p.is_deleted && p.product_id === t.product_id) ??
      listing.products.find((p) => !p.is_deleted && JSON.stringify(p.property_values.map((pv) => pv.values)) === values && (p.sku === t.sku || t.sku === ""));
    if (!product) continue;
    product.offering.quantity += t.quantity;
    listing.last_modified = now;
    settleState(listing, now);
  }
  receipt.canceled = true;
  sb.changed();
  sendEtsyOrderEvent(sb, receipt, "order.canceled");
  return { ok: true };
}

/** A refund (the whole order when no amount is given); stock is not put back, as on Etsy. */
export function refundReceipt(sb: Sandbox, receiptId: number, input: { amount?: number; reason?: string }): { status: "fully refunded" | "partially refunded" } | ControlError {
  const receipt = receiptOf(sb, receiptId);
  if ("status" in receipt) return receipt;
  const refunded = receipt.refunds.reduce((s, r) => s + r.amount_cents, 0);
  const left = receiptSubtotal(receipt) - refunded;
  const cents = input.amount === undefined ? left : Math.round(input.amount * 100);
  if (left <= 0) return { status: 409, message: `Receipt ${receiptId} is already fully refunded.` };
  if (cents <= 0 || cents > left) return { status: 400, message: `amount must be between 0.01 and ${(left / 100).toFixed(2)}.` };
  receipt.refunds.push({ amount_cents: cents, created: nowSec(sb.state), reason: input.reason ?? null });
  sb.changed();
  return { status: cents === left ? "fully refunded" : "partially refunded" };
}

/** The seller marks the order shipped (getShopReceipts was_shipped, status "completed"). */
export function shipReceipt(sb: Sandbox, receiptId: number): { ok: true } | ControlError {
  const receipt = receiptOf(sb, receiptId);
  if ("status" in receipt) return receipt;
  if (receipt.canceled) return { status: 409, message: `Receipt ${receiptId} is canceled.` };
  receipt.is_shipped = true;
  receipt.updated = nowSec(sb.state);
  sb.changed();
  sendEtsyOrderEvent(sb, receipt, "order.shipped");
  return { ok: true };
}

/** The carrier reports delivery (getShopReceipts was_delivered). */
export function deliverReceipt(sb: Sandbox, receiptId: number): { ok: true } | ControlError {
  const receipt = receiptOf(sb, receiptId);
  if ("status" in receipt) return receipt;
  if (!receipt.is_shipped) return { status: 409, message: `Receipt ${receiptId} has not been shipped.` };
  receipt.is_delivered = true;
  receipt.updated = nowSec(sb.state);
  sb.changed();
  sendEtsyOrderEvent(sb, receipt, "order.delivered");
  return { ok: true };
}
