import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startSandbox } from "@/sandbox/app";

describe("sandbox home page", () => {
  it("lists shops and sellers with buttons to sell and change quantities", async () => {
    const sb = await startSandbox({ port: 0 });
    try {
      await fetch(`${sb.url}/_control/etsy/shops`, { method: "POST", body: JSON.stringify({ shop_name: "HomeShop", listings: [{ title: "Blue <Mug>", sku: "MUG", quantity: 4, price: 10 }] }) });
      await fetch(`${sb.url}/_control/ebay/sellers`, { method: "POST", body: JSON.stringify({ username: "home_seller", items: [{ sku: "EB-1", title: "Bowl", quantity: 2, price: 9 }] }) });
      const page = await (await fetch(`${sb.url}/`)).text();
      expect(page).toContain("HomeShop");
      expect(page).toContain("Blue &lt;Mug&gt;");
      expect(page).toContain("home_seller");
      expect(page.match(/>Sell 1</g)).toHaveLength(2);
      expect(page.match(/>Set quantity</g)).toHaveLength(2);
    } finally {
      await sb.close();
    }
  });
});

describe("SANDBOX_DATA persistence", () => {
  it("shops, sellers, sales and tokens survive a restart", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-")), "state.json");
    const first = await startSandbox({ port: 0, config: { dataFile: file } });
    const shop = (await (await fetch(`${first.url}/_control/etsy/shops`, { method: "POST", body: JSON.stringify({ shop_name: "Kept", listings: [{ title: "Mug", quantity: 4, price: 10 }] }) })).json()) as {
      shop_id: number;
      listing_ids: number[];
    };
    await fetch(`${first.url}/_control/etsy/shops/${shop.shop_id}/sales`, { method: "POST", body: JSON.stringify({ listing_id: shop.listing_ids[0], quantity: 1 }) });
    await fetch(`${first.url}/_control/ebay/sellers`, { method: "POST", body: JSON.stringify({ username: "kept_seller", items: 2 }) });
    await first.close();
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("etsy.shops");

    const second = await startSandbox({ port: 0, config: { dataFile: file } });
    try {
      const listing = (await (await fetch(`${second.url}/_control/etsy/listings/${shop.listing_ids[0]}`)).json()) as { quantity: number };
      expect(listing.quantity).toBe(3);
      const sellers = (await (await fetch(`${second.url}/_control/ebay/sellers`)).json()) as { username: string }[];
      expect(sellers.map((s) => s.username)).toEqual(["kept_seller"]);
      const again = (await (await fetch(`${second.url}/_control/etsy/shops`, { method: "POST", body: JSON.stringify({ shop_name: "New", listings: 0 }) })).json()) as { shop_id: number };
      expect(again.shop_id).not.toBe(shop.shop_id);
    } finally {
      await second.close();
    }
  });
});
