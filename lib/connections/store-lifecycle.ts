import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { marketplaceConnections, orders, type Marketplace } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { marketplaceLabel } from "@/lib/marketplaces/meta";

// What a marketplace tells us about a store's life outside Stockroom, for marketplaces whose
// app is installed per store (Shopify): the merchant removed the app, or the marketplace
// relays a privacy request. Called by the marketplace's verified webhook endpoint.

const tokensGone = { accessTokenEnc: null, refreshTokenEnc: null, tokenKeyId: null, accessExpiresAt: null, refreshExpiresAt: null };

/**
 * The app was uninstalled from the store: its token no longer works, so syncing stops, and the
 * Connections card says why and offers to reconnect (installing again). Orders and stock history stay.
 */
export async function markUninstalled(marketplace: Marketplace, account: string): Promise<{ connectionId: string } | null> {
  const label = marketplaceLabel(marketplace);
  return db.transaction(async (tx) => {
    const [conn] = await tx.select().from(marketplaceConnections).where(and(eq(marketplaceConnections.marketplace, marketplace), eq(marketplaceConnections.externalId, account))).for("update");
    if (!conn) return null;
    // Disconnected in Stockroom first: nothing is syncing, and the card already says so.
    if (conn.status === "disabled") return { connectionId: conn.id };
    const now = new Date();
    await tx
      .update(marketplaceConnections)
      .set({
        ...tokensGone,
        status: "disabled",
        lastError: `Stockroom was uninstalled from this store in ${label}, so syncing stopped. Reconnect to install it again; orders and stock history are kept.`,
        lastErrorAt: now,
        disconnectedAt: now,
        updatedAt: now,
      })
      .where(eq(marketplaceConnections.id, conn.id));
    await recordAudit(tx, { orgId: conn.orgId, actor: { type: "system" }, action: "connection.removed", target: { type: "connection", id: conn.id }, before: { status: conn.status, name: conn.name }, after: { status: "disabled", reason: "uninstalled" } });
    return { connectionId: conn.id };
  });
}

/** A customer asked the store to erase them: their name and the raw payloads of the orders named go. */
export async function eraseCustomerOrders(marketplace: Marketplace, account: string, orderExternalIds: string[]): Promise<{ orders: number }> {
  if (orderExternalIds.length === 0) return { orders: 0 };
  const conns = db.select({ id: marketplaceConnections.id }).from(marketplaceConnections).where(and(eq(marketplaceConnections.marketplace, marketplace), eq(marketplaceConnections.externalId, account)));
  const cleared = await db
    .update(orders)
    .set({ buyerName: null, raw: null, updatedAt: new Date() })
    .where(and(inArray(orders.connectionId, conns), inArray(orders.externalId, orderExternalIds)))
    .returning({ id: orders.id });
  return { orders: cleared.length };
}

/**
 * The store's data must be erased (Shopify's shop/redact, 48 hours after an uninstall): buyer
 * names and raw order payloads from that store, its tokens, and its name. What the organization
 * recorded itself (quantities, movements, order lines without the buyer) is the seller's own
 * stock history and stays, under a connection renamed to say the store was erased.
 */
export async function eraseStoreData(marketplace: Marketplace, account: string): Promise<{ connections: number; orders: number }> {
  const label = marketplaceLabel(marketplace);
  return db.transaction(async (tx) => {
    const conns = await tx.select().from(marketplaceConnections).where(and(eq(marketplaceConnections.marketplace, marketplace), eq(marketplaceConnections.externalId, account))).for("update");
    if (conns.length === 0) return { connections: 0, orders: 0 };
    const now = new Date();
    let cleared = 0;
    for (const c of conns) {
      await tx
        .update(marketplaceConnections)
        .set({
          ...tokensGone,
          status: "disabled",
          name: `Erased ${label} store`,
          externalId: `erased:${c.id}`,
          externalUserId: null,
          lastError: `${label} asked Stockroom to erase this store's data; it was erased.`,
          lastErrorAt: now,
          disconnectedAt: c.disconnectedAt ?? now,
          updatedAt: now,
        })
        .where(eq(marketplaceConnections.id, c.id));
      const rows = await tx.update(orders).set({ buyerName: null, raw: null, updatedAt: now }).where(eq(orders.connectionId, c.id)).returning({ id: orders.id });
      cleared += rows.length;
      await recordAudit(tx, { orgId: c.orgId, actor: { type: "system" }, action: "connection.account_deleted", target: { type: "connection", id: c.id } });
    }
    return { connections: conns.length, orders: cleared };
  });
}
