import type { Sandbox } from "../context";
import { appUninstallPayload } from "./app-uninstall";
import { connection, type PageArgs } from "./connection";
import { inventoryAdjustQuantities, inventorySetQuantities } from "./inventory-mutations";
import { presentInventoryItem, presentLocation, presentOrder, presentProduct, presentShop, presentVariant } from "./present";
import { parseSearch, timeMatches, valueMatches } from "./search-query";
import { findLocation, parseGid, shopifyState, variantByInventoryItem, type ShopifyOrder, type ShopifyShop } from "./store";

// The root fields the sandbox executes: the reads Stockroom makes (shop, locations, products
// with variants and inventory levels, orders, nodes), the two inventory mutations and appUninstall. Any
// other root field of the schema validates but resolves to null.

export type ShopifyContext = { sb: Sandbox; shop: ShopifyShop };

type Sorted = { sortKey?: string | null; reverse?: boolean | null };

function sortBy<T extends { id: number; createdAt: number; updatedAt: number }>(items: T[], args: Sorted): T[] {
  const key = args.sortKey === "UPDATED_AT" ? "updatedAt" : args.sortKey === "CREATED_AT" ? "createdAt" : "id";
  const sorted = [...items].sort((a, b) => a[key] - b[key] || a.id - b.id);
  return args.reverse ? sorted.reverse() : sorted;
}

function node(shop: ShopifyShop, sb: Sandbox, id: string) {
  const type = /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1];
  const n = parseGid(type ?? "", id);
  if (!type || n === null) return null;
  switch (type) {
    case "Product": {
      const p = shop.products[String(n)];
      return p ? presentProduct(shop, p) : null;
    }
    case "ProductVariant": {
      const v = shop.variants[String(n)];
      return v ? presentVariant(shop, v) : null;
    }
    case "InventoryItem": {
      const v = variantByInventoryItem(shop, n);
      return v ? presentInventoryItem(shop, v) : null;
    }
    case "Location": {
      const l = shop.locations.find((x) => x.id === n);
      return l ? presentLocation(l) : null;
    }
    case "Order": {
      const o = shopifyState(sb.state).orders[String(n)];
      return o && o.shop === shop.domain ? presentOrder(shop, o) : null;
    }
    default:
      return null;
  }
}

export function rootValue(ctx: ShopifyContext) {
  const { sb, shop } = ctx;
  const orders = (): ShopifyOrder[] => Object.values(shopifyState(sb.state).orders).filter((o) => o.shop === shop.domain);
  return {
    shop: () => presentShop(shop),
    location: ({ id }: { id?: string | null }) => {
      const loc = id ? shop.locations.find((l) => parseGid("Location", id) === l.id) : findLocation(shop);
      return loc ? presentLocation(loc) : null;
    },
    locations: (args: PageArgs & { includeInactive?: boolean }) =>
      connection(
        shop.locations.filter((l) => l.active || args.includeInactive).map(presentLocation),
        args,
        (l) => l.id,
      ),
    product: ({ id }: { id: string }) => node(shop, sb, id),
    productVariant: ({ id }: { id: string }) => node(shop, sb, id),
    inventoryItem: ({ id }: { id: string }) => node(shop, sb, id),
    order: ({ id }: { id: string }) => node(shop, sb, id),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => node(shop, sb, id)),
    products: (args: PageArgs & Sorted & { query?: string | null }) => {
      const terms = parseSearch(args.query);
      const items = sortBy(Object.values(shop.products), args).filter((p) => timeMatches(terms, "updated_at", p.updatedAt) && valueMatches(terms, "status", p.status));
      return connection(items.map((p) => presentProduct(shop, p)), args, (p) => p.id);
    },
    orders: (args: PageArgs & Sorted & { query?: string | null }) => {
      const terms = parseSearch(args.query);
      const items = sortBy(orders(), args).filter((o) => timeMatches(terms, "updated_at", o.updatedAt) && timeMatches(terms, "created_at", o.createdAt));
      return connection(items.map((o) => presentOrder(shop, o)), args, (o) => o.id);
    },
    appUninstall: () => appUninstallPayload(sb, shop),
    inventorySetQuantities: inventorySetQuantities(ctx),
    inventoryAdjustQuantities: inventoryAdjustQuantities(ctx),
  };
}
