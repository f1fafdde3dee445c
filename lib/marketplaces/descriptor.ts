import type { MarketplaceConnection } from "@/db/schema";
import type { Notice, NotificationOutcome } from "@/lib/notifications/receive";
import type { MarketplaceMeta } from "./meta-types";
import type { RateBudget } from "./rate-limit";
import type { ApiSession, MarketplaceAdapter } from "./types";

/**
 * Everything the rest of Stockroom needs to know about one marketplace, exported by its folder
 * (lib/marketplaces/<id>/index.ts) and listed once in ./registry.ts. Code outside the folder
 * asks the descriptor instead of testing which marketplace a connection is.
 */
export type MarketplaceDescriptor = MarketplaceMeta & {
  /** OAuth (authorizeUrl, exchangeCode, refresh, identity), reads and the push, behind the shared interface. */
  readonly adapter: MarketplaceAdapter;
  /**
   * The app key's request budget, shared by every tenant. A `perDay` means the marketplace publishes
   * a daily budget (Etsy), which the Sync and admin pages show; null: limits per call type (eBay).
   */
  rateBudget(): RateBudget;
  /**
   * Minutes between polls from the environment (organization settings may narrow orders and listings).
   * `fulfillment`: a marketplace whose orders poll misses shipments and cancellations of older orders
   * gets a "fulfillment" sync at this interval; without it, none runs.
   */
  pollMinutes(): { orders: number; listings: number; fulfillment?: number };
  /**
   * With meta.accountAddress: what the seller typed as the store's canonical address (Shopify:
   * "northwind" or "https://northwind.myshopify.com/" → "northwind.myshopify.com"), or null when
   * it is not one. The address becomes the adapter's `account`.
   */
  accountFromInput?(input: string): string | null;
  /** Notifications may name the seller by username only (eBay Trading): match connections by name too. */
  readonly noticesNameAccounts: boolean;
  /** What a connection's ApiSession carries beyond the tokens (eBay: the seller's out-of-stock policy). */
  sessionExtras?(connection: MarketplaceConnection): Partial<ApiSession>;
  /** After a connection is saved, before its first sync (eBay: subscribe to order notifications). */
  onConnected?(connection: MarketplaceConnection, session: ApiSession): Promise<void>;
  /**
   * A channel with several stock locations (Shopify): its active locations, read at connect and
   * when the seller asks again; the seller picks the one Stockroom manages (lib/connections/location.ts).
   */
  readLocations?(connection: MarketplaceConnection, session: ApiSession): Promise<{ id: string; name: string; primary: boolean }[]>;
  /** Before a connection's tokens are deleted; returns a problem to record, or null (eBay: unsubscribe). */
  beforeDisconnect?(connection: MarketplaceConnection, session: ApiSession): Promise<string | null>;
  /** Its notification endpoints, under /api/webhooks/<id>/ (app/api/webhooks/[marketplace]/[[...path]]/route.ts). */
  readonly webhooks: WebhookEndpoints;
};

/**
 * What an endpoint is handed by the route: the one notification pipeline (lib/notifications:
 * claim the delivery id, queue the order it names) and Next's after(). Handed in rather than
 * imported, so a marketplace folder verifies and parses its notices without depending on the sync
 * engine that depends on the registry.
 */
export type WebhookContext = {
  receive: (notice: Notice) => Promise<NotificationOutcome>;
  /** Work to run once the response is sent (a sender that wants a fast acknowledgement). */
  afterResponse: (task: () => Promise<unknown>) => void;
};

export type WebhookEndpoint = {
  GET?: (req: Request) => Promise<Response>;
  POST?: (req: Request, ctx: WebhookContext) => Promise<Response>;
};

/** By the path below /api/webhooks/<id>: "" for the endpoint itself, "platform" for /api/webhooks/<id>/platform. */
export type WebhookEndpoints = Readonly<Record<string, WebhookEndpoint>>;
