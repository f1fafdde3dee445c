// `npm run sandbox`: the Etsy + eBay emulator as its own process, configured from env.
import { startSandbox } from "./app";
import { configFromEnv } from "./config";
import { seedShop } from "./control/etsy";
import { seedSeller } from "./control/ebay";

const { port, config } = configFromEnv();
const running = await startSandbox({ port, host: process.env.SANDBOX_HOST ?? "127.0.0.1", config });
const sb = running.sandbox;
if (config.seedDemo && Object.keys(sb.state.etsy.shops).length === 0 && Object.keys(sb.state.ebay.sellers).length === 0) {
  seedShop(sb, { shop_name: "NorthwindCrafts", listings: 12 });
  seedSeller(sb, { username: "northwind_goods", items: 8 });
}
console.log(`[sandbox] Etsy + eBay sandbox on ${running.url} (control API at ${running.url}/_control)`);

const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
