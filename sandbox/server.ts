// `npm run sandbox`: the Etsy + eBay + Shopify emulator as its own process, configured from env.
import { startSandbox } from "./app";
import { configFromEnv } from "./config";
import { seedShop } from "./control/etsy";
import { seedSeller } from "./control/ebay";
import { seedShopifyShop } from "./control/shopify";
import { generatedItems, sharedDemoItems, shopifyDemoProducts } from "./seed-data";

const { port, config } = configFromEnv();
const running = await startSandbox({ port, host: process.env.SANDBOX_HOST ?? "localhost", config });
const sb = running.sandbox;
if (config.seedDemo && Object.keys(sb.state.etsy.shops).length === 0 && Object.keys(sb.state.ebay.sellers).length === 0) {
  // The demo seller lists the same goods on both channels (that is the whole point of
  // Stockroom): the eBay account carries the Etsy shop's SKUs, plus a couple of its own.
  const etsy = seedShop(sb, { shop_name: "NorthwindCrafts", listings: 12 });
  // Both eBay listing models: Inventory-API items, and Seller Hub listings (Trading API) as
  // most small sellers make them — two with the Etsy shop's SKUs, one with SKU-less variations.
  const shared = sharedDemoItems(sb, etsy.listing_ids, 8);
  seedSeller(sb, {
    username: "northwind_goods",
    items: [...shared.slice(0, 6), ...generatedItems(2, 9)],
    trading_listings: [
      ...shared.slice(6).map((i) => ({ title: i.title, sku: i.sku, quantity: i.quantity, price: i.price })),
      { title: "Hand-knit wool mittens", price: 29, quantity: 0, variations: ["S", "M", "L"].map((Size, i) => ({ specifics: { Size }, quantity: 3 + i })) },
    ],
  });
  // The seller's own Shopify store sells the same goods again, from two locations.
  seedShopifyShop(sb, {
    domain: "northwind-goods.myshopify.com",
    name: "Northwind Goods",
    locations: [{ name: "Workshop" }, { name: "Market stall" }],
    products: shopifyDemoProducts(sharedDemoItems(sb, etsy.listing_ids, 10), "Workshop", "Market stall"),
  });
}
console.log(`[sandbox] Etsy + eBay + Shopify sandbox on ${running.url} (control API at ${running.url}/_control)`);

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
