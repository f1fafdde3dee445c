import { and, eq, or } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { marketplaceConnections, memberships, type Marketplace, type MarketplaceConnection } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { AppError, Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { marketplaceLabel, marketplaceMeta } from "@/lib/marketplaces/meta";
import { adapterFor, marketplaceDescriptor } from "@/lib/marketplaces/registry";
import type { ShopIdentity } from "@/lib/marketplaces/types";
import { requestSync } from "@/lib/sync/triggers";
import { assertRole, roleAtLeast, type OrgContext } from "@/lib/tenancy/context";
import { refreshChannelLocations } from "./location";
import { claimOAuthState, createOAuthState, newState, safeReturnPath } from "./oauth-state";
import { sealedTokenColumns } from "./token-store";
import { sessionFor } from "./tokens";


export const callbackUrl = (marketplace: Marketplace) => `${env().APP_URL}/api/connections/${marketplace}/callback`;

/** The seller has to name the store first (meta.accountAddress) and has not: send them to that form. */
export class AccountAddressNeeded extends Invalid {}

/**
 * Starts connecting a shop (or reconnecting `connectionId`): stores a one-time state and
 * returns the marketplace consent URL to redirect to. `account`: the store address the seller
 * typed, for marketplaces installed per store (a reconnect uses the connection's own).
 */
export async function startConnection(
  ctx: OrgContext,
  marketplace: Marketplace,
  opts: { connectionId?: string | null; returnTo?: string | null; account?: string | null } = {},
): Promise<{ url: string }> {
  assertRole(ctx, "manager");
  const connectionId = opts.connectionId ?? null;
  let existing: { externalId: string } | null = null;
  if (connectionId) {
    const [row] = await db
      .select({ id: marketplaceConnections.id, marketplace: marketplaceConnections.marketplace, externalId: marketplaceConnections.externalId })
      .from(marketplaceConnections)
      .where(and(eq(marketplaceConnections.id, connectionId), eq(marketplaceConnections.orgId, ctx.orgId)));
    if (!row || row.marketplace !== marketplace) throw new NotFound("That connection does not exist in this organization.");
    existing = row;
  }
  const account = accountFor(marketplace, existing ? reconnectAddress(marketplace, existing.externalId) : (opts.account ?? null));
  const state = newState();
  const { url, codeVerifier } = adapterFor(marketplace).authorizeUrl({ state, redirectUri: callbackUrl(marketplace), ...(account ? { account } : {}) });
  await createOAuthState({ orgId: ctx.orgId, userId: ctx.userId, marketplace, codeVerifier, account, connectionId, returnTo: safeReturnPath(opts.returnTo), state });
  return { url };
}

/** A reconnect installs on the connection's own store; an erased one has none left, so the seller names it again. */
function reconnectAddress(marketplace: Marketplace, externalId: string): string | null {
  return marketplaceDescriptor(marketplace).accountFromInput?.(externalId) ? externalId : null;
}

/** The store address to install on, checked by the marketplace's own rule; null where none is asked. */
function accountFor(marketplace: Marketplace, input: string | null): string | null {
  const parse = marketplaceDescriptor(marketplace).accountFromInput;
  const ask = marketplaceMeta(marketplace).accountAddress;
  if (!parse || !ask) return null;
  if (!input?.trim()) throw new AccountAddressNeeded(`Enter your store's address to connect it.`, { account: "Enter your store's address." });
  const account = parse(input);
  if (!account) throw new Invalid(`That is not a ${ask.suffix.replace(/^\./, "")} address.`, { account: `Enter the store's name as in its ${ask.suffix.replace(/^\./, "")} address, for example ${ask.example}.` });
  return account;
}

export type CallbackOutcome =
  | { ok: true; connectionId: string; name: string; reconnected: boolean; returnTo: string }
  | { ok: false; cancelled: boolean; message: string; status: number };

/**
 * Completes the flow when the marketplace redirects back. Every failure is a message to
 * show; nothing is stored unless the shop was connected.
 */
export async function completeConnection(input: { marketplace: Marketplace; userId: string; params: URLSearchParams; ip?: string | null }): Promise<CallbackOutcome> {
  const { marketplace, userId, params } = input;
  const label = marketplaceLabel(marketplace);
  const marketError = params.get("error");
  try {
    if (marketError) {
      // Spend the state so the link cannot be replayed; its validity does not change the answer.
      await claimOAuthState(params.get("state"), marketplace, userId).catch(() => null);
      if (marketError === "access_denied") return { ok: false, cancelled: true, message: "You cancelled the connection.", status: 200 };
      const detail = (params.get("error_description") ?? marketError).replace(/[^\w .,:'-]/g, "").slice(0, 200);
      return { ok: false, cancelled: false, message: `${label} did not connect the shop (${detail}). Start again from the Connections page.`, status: 400 };
    }
    const adapter = adapterFor(marketplace);
    // A signed redirect (Shopify) is checked before the state is spent: a forged one must not burn it.
    const signed = adapter.verifyCallback?.(params, params.get("state") ?? "");
    if (signed && !signed.ok) throw new Invalid(signed.reason);
    const claimed = await claimOAuthState(params.get("state"), marketplace, userId);
    if (signed && claimed.account && signed.account !== claimed.account) throw new Invalid(`${label} answered for ${signed.account}, but you started connecting ${claimed.account}. Start again from the Connections page.`);
    const account = signed?.account ?? claimed.account ?? undefined;
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, claimed.orgId), eq(memberships.userId, userId)));
    if (!membership || !roleAtLeast(membership.role, "manager")) throw new Forbidden("You can no longer connect shops in this organization.");
    const code = params.get("code");
    if (!code) throw new Invalid(`${label} did not send an authorization code. Start again from the Connections page.`);

    const tokens = await adapter.exchangeCode({ code, codeVerifier: claimed.codeVerifier, redirectUri: callbackUrl(marketplace), ...(account ? { account } : {}) }).catch((err: unknown) => {
      if (err instanceof Invalid) throw new Invalid(`${label} refused the authorization: ${err.message} Start again from the Connections page.`);
      throw err;
    });
    const shop = await adapter.identity(tokens.accessToken, account);
    const ctx: OrgContext = { orgId: claimed.orgId, userId, role: membership.role };

    const saved = await db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(marketplaceConnections)
        .where(and(eq(marketplaceConnections.marketplace, marketplace), eq(marketplaceConnections.externalId, shop.externalId)))
        .for("update")
        .then(async (rows) => (rows.length > 0 ? rows : legacyEbayConnection(tx, marketplace, shop)));
      if (existing && existing.orgId !== ctx.orgId) {
        throw new Conflict(`${shop.name} is already connected to another Stockroom organization. Disconnect it there first.`);
      }
      if (claimed.connectionId && existing?.id !== claimed.connectionId) {
        const [target] = await tx.select().from(marketplaceConnections).where(and(eq(marketplaceConnections.id, claimed.connectionId), eq(marketplaceConnections.orgId, ctx.orgId)));
        if (!target) throw new NotFound("The connection you were reconnecting no longer exists.");
        throw new Invalid(`You signed in to ${shop.name}, but this connection is for ${target.name}. Reconnect with the same ${label} account, or connect the other one separately.`);
      }
      const columns = {
        ...sealedTokenColumns(tokens),
        externalId: shop.externalId,
        externalUserId: shop.externalUserId,
        name: shop.name,
        status: "active" as const,
        lastError: null,
        lastErrorAt: null,
        reconnectEmailedAt: null,
        disconnectedAt: null,
        updatedAt: new Date(),
      };
      if (existing) {
        await tx.update(marketplaceConnections).set(columns).where(eq(marketplaceConnections.id, existing.id));
        await recordAudit(tx, {
          orgId: ctx.orgId,
          actor: { type: "user", userId },
          action: "connection.reconnected",
          target: { type: "connection", id: existing.id },
          before: { status: existing.status },
          after: { status: "active", name: shop.name },
          ip: input.ip ?? null,
        });
        return { id: existing.id, reconnected: true };
      }
      const [row] = await tx
        .insert(marketplaceConnections)
        .values({ orgId: ctx.orgId, marketplace, ...columns })
        .returning({ id: marketplaceConnections.id });
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, {
        orgId: ctx.orgId,
        actor: { type: "user", userId },
        action: "connection.added",
        target: { type: "connection", id: row.id },
        after: { marketplace, externalId: shop.externalId, name: shop.name },
        ip: input.ip ?? null,
      });
      return { id: row.id, reconnected: false };
    });

    // Order notifications first: a sale made while the first sync runs is then not missed.
    await afterConnected(marketplace, saved.id);
    await requestSync(saved.id, "connected");
    return { ok: true, connectionId: saved.id, name: shop.name, reconnected: saved.reconnected, returnTo: claimed.returnTo };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, cancelled: false, message: err.message, status: err.status >= 500 ? 502 : err.status };
    throw err;
  }
}

/** The marketplace's own set-up of a saved connection (eBay: its order notifications), with the stored tokens. */
async function afterConnected(marketplace: Marketplace, connectionId: string): Promise<void> {
  const { onConnected } = marketplaceDescriptor(marketplace);
  const [conn] = await db.select().from(marketplaceConnections).where(eq(marketplaceConnections.id, connectionId));
  if (!conn) return;
  if (onConnected) await onConnected(conn, sessionFor(conn));
  // A failure is kept on the connection for the Connections page; the store is connected regardless.
  await refreshChannelLocations(conn);
}

/**
 * eBay connections used to be keyed by the username; they are now keyed by the immutable
 * user id. A reconnect finds the older row by its username (or stored user id) and moves
 * it to the new key instead of creating a second connection for the same account.
 */
async function legacyEbayConnection(tx: Tx, marketplace: Marketplace, shop: ShopIdentity): Promise<MarketplaceConnection[]> {
  if (marketplace !== "ebay" || !shop.externalUserId) return [];
  return tx
    .select()
    .from(marketplaceConnections)
    .where(
      and(
        eq(marketplaceConnections.marketplace, "ebay"),
        or(eq(marketplaceConnections.externalUserId, shop.externalUserId), eq(marketplaceConnections.externalId, shop.name)),
      ),
    )
    .for("update");
}
