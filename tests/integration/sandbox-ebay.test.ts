import { createVerify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "@/sandbox/app";
import { specValidator, type SpecValidator } from "@/sandbox/spec-validator";
import { connectEbay, ebayTokenCall } from "@/sandbox/testing";

// Contract tests for the eBay Sell Inventory and Fulfillment operations: answers validate
// against the official OpenAPI files (closed), errors are { errors: [...] }.

const inventory = specValidator("ebay-inventory", { closed: true });
const fulfillment = specValidator("ebay-fulfillment", { closed: true });
let sb: RunningSandbox;
let token: string;
let skus: string[];

type Call<T> = { status: number; body: T };

async function ebay<T>(validator: SpecValidator | null, operationId: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Call<T>> {
  const res = await fetch(`${sb.url}/ebay${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json", "content-language": "en-US" } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (validator) expect(validator.validateResponse(operationId, res.status, parsed), `${operationId} ${res.status} ${text.slice(0, 300)}`).toEqual({ ok: true });
  return { status: res.status, body: parsed as T };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<Call<T>> {
  const res = await fetch(`${sb.url}/_control${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

type ControlItem = { sku: string; availability: { shipToLocationAvailability: { quantity: number } }; offers: { offerId: string; availableQuantity: number; listing?: { listingStatus: string; soldQuantity: number } }[] };

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());

beforeEach(async () => {
  await control("POST", "/reset");
  const created = await control<{ username: string; skus: string[] }>("POST", "/ebay/sellers", { username: "seller_one", items: 5 });
  expect(created.status).toBe(201);
  skus = created.body.skus;
  token = (await connectEbay(sb.url, "seller_one")).access_token;
});

describe("eBay inventory", () => {
  it("getInventoryItems pages by page number: offset=1 is the second page", async () => {
    const first = await ebay<{ inventoryItems: { sku: string }[]; total: number; size: number; next?: string }>(inventory, "getInventoryItems", "GET", "/sell/inventory/v1/inventory_item?limit=2&offset=0");
    expect(first.body.total).toBe(5);
    expect(first.body.size).toBe(3);
    expect(first.body.inventoryItems.map((i) => i.sku)).toEqual(skus.slice(0, 2));
    expect(first.body.next).toContain("offset=1");
    const second = await ebay<{ inventoryItems: { sku: string }[] }>(inventory, "getInventoryItems", "GET", "/sell/inventory/v1/inventory_item?limit=2&offset=1");
    expect(second.body.inventoryItems.map((i) => i.sku)).toEqual(skus.slice(2, 4));
  });

  it("limit outside 1–200 is a 400 with eBay's error shape", async () => {
    const r = await ebay<{ errors: { errorId: number }[] }>(inventory, "getInventoryItems", "GET", "/sell/inventory/v1/inventory_item?limit=201");
    expect(r.status).toBe(400);
    expect(r.body.errors[0].errorId).toBe(25709);
  });

  it("getInventoryItem returns the item; an unknown SKU is 404", async () => {
    const r = await ebay<{ sku: string }>(inventory, "getInventoryItem", "GET", `/sell/inventory/v1/inventory_item/${skus[0]}`);
    expect(r.body.sku).toBe(skus[0]);
    expect((await ebay(inventory, "getInventoryItem", "GET", "/sell/inventory/v1/inventory_item/NOPE")).status).toBe(404);
  });

  it("createOrReplaceInventoryItem replaces the item (omitted availability clears quantity) and needs Content-Language", async () => {
    const put = await ebay(inventory, "createOrReplaceInventoryItem", "PUT", `/sell/inventory/v1/inventory_item/${skus[0]}`, { product: { title: "Renamed" }, condition: "NEW" });
    expect(put.status).toBe(204);
    const item = await control<ControlItem>("GET", `/ebay/items/${skus[0]}?seller=seller_one`);
    expect(item.body.availability.shipToLocationAvailability.quantity).toBe(0);
    const created = await ebay(inventory, "createOrReplaceInventoryItem", "PUT", "/sell/inventory/v1/inventory_item/NEW-1", { product: { title: "New" }, availability: { shipToLocationAvailability: { quantity: 4 } } });
    expect(created.status).toBe(204);
    const noLang = await fetch(`${sb.url}/ebay/sell/inventory/v1/inventory_item/NEW-2`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{}" });
    expect(noLang.status).toBe(400);
    const badBody = await ebay(inventory, "createOrReplaceInventoryItem", "PUT", "/sell/inventory/v1/inventory_item/NEW-3", { availability: { shipToLocationAvailability: { quantity: "lots" } } });
    expect(badBody.status).toBe(400);
  });

  it("getOffers by SKU returns the published offer", async () => {
    const r = await ebay<{ offers: { sku: string; status: string; availableQuantity: number }[]; total: number }>(inventory, "getOffers", "GET", `/sell/inventory/v1/offer?sku=${skus[1]}`);
    expect(r.body.total).toBe(1);
    expect(r.body.offers[0]).toMatchObject({ sku: skus[1], status: "PUBLISHED" });
    expect((await ebay(inventory, "getOffers", "GET", "/sell/inventory/v1/offer?sku=NOPE")).status).toBe(404);
  });

  it("bulkUpdatePriceQuantity sets item and offer quantities, reports per-item status, and takes at most 25", async () => {
    const offers = await ebay<{ offers: { offerId: string }[] }>(inventory, "getOffers", "GET", `/sell/inventory/v1/offer?sku=${skus[0]}`);
    const offerId = offers.body.offers[0].offerId;
    const r = await ebay<{ responses: { sku: string; statusCode: number }[] }>(inventory, "bulkUpdatePriceQuantity", "POST", "/sell/inventory/v1/bulk_update_price_quantity", {
      requests: [
        { sku: skus[0], shipToLocationAvailability: { quantity: 9 }, offers: [{ offerId, availableQuantity: 9 }] },
        { sku: "MISSING", shipToLocationAvailability: { quantity: 1 } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.responses.map((x) => [x.sku, x.statusCode])).toEqual([[skus[0], 200], ["MISSING", 404]]);
    const item = await control<ControlItem>("GET", `/ebay/items/${skus[0]}?seller=seller_one`);
    expect(item.body.availability.shipToLocationAvailability.quantity).toBe(9);
    expect(item.body.offers[0].availableQuantity).toBe(9);
    const tooMany = await ebay(inventory, "bulkUpdatePriceQuantity", "POST", "/sell/inventory/v1/bulk_update_price_quantity", {
      requests: Array.from({ length: 26 }, () => ({ sku: skus[0], shipToLocationAvailability: { quantity: 1 } })),
    });
    expect(tooMany.status).toBe(400);
  });
});

describe("eBay orders", () => {
  it("an order lowers item and offer quantity; getOrders filters by lastmodifieddate and status; cancel restores", async () => {
    const before = (await control<ControlItem>("GET", `/ebay/items/${skus[2]}?seller=seller_one`)).body;
    const start = new Date(Date.now() - 1000).toISOString();
    const order = await control<{ order_id: string }>("POST", "/ebay/sellers/seller_one/orders", { sku: skus[2], quantity: 1 });
    expect(order.status).toBe(201);
    const after = (await control<ControlItem>("GET", `/ebay/items/${skus[2]}?seller=seller_one`)).body;
    expect(after.availability.shipToLocationAvailability.quantity).toBe(before.availability.shipToLocationAvailability.quantity - 1);
    expect(after.offers[0].availableQuantity).toBe(before.offers[0].availableQuantity - 1);

    const filter = encodeURIComponent(`lastmodifieddate:[${start}..],orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}`);
    const list = await ebay<{ total: number; orders: { orderId: string; lineItems: { sku: string; quantity: number }[]; cancelStatus: { cancelState: string } }[] }>(
      fulfillment, "getOrders", "GET", `/sell/fulfillment/v1/order?filter=${filter}&limit=10`,
    );
    expect(list.body.total).toBe(1);
    expect(list.body.orders[0]).toMatchObject({ orderId: order.body.order_id, lineItems: [{ sku: skus[2], quantity: 1 }], cancelStatus: { cancelState: "NONE_REQUESTED" } });

    await control("POST", "/clock", { advance_seconds: 10 });
    expect((await control("POST", `/ebay/orders/${order.body.order_id}/cancel`)).status).toBe(200);
    const one = await ebay<{ cancelStatus: { cancelState: string }; lastModifiedDate: string; creationDate: string }>(fulfillment, "getOrder", "GET", `/sell/fulfillment/v1/order/${order.body.order_id}`);
    expect(one.body.cancelStatus.cancelState).toBe("CANCELED");
    expect(Date.parse(one.body.lastModifiedDate)).toBeGreaterThan(Date.parse(one.body.creationDate));
    const restored = (await control<ControlItem>("GET", `/ebay/items/${skus[2]}?seller=seller_one`)).body;
    expect(restored.offers[0].availableQuantity).toBe(before.offers[0].availableQuantity);
  });

  it("getOrders refuses bad filters, limits and too many orderIds with the spec's error ids", async () => {
    const bad = async (qs: string) => (await ebay<{ errors: { errorId: number }[] }>(fulfillment, "getOrders", "GET", `/sell/fulfillment/v1/order?${qs}`)).body.errors[0].errorId;
    expect(await bad(`filter=${encodeURIComponent("color:[x]")}`)).toBe(30700);
    expect(await bad(`filter=${encodeURIComponent("lastmodifieddate:[yesterday..]")}`)).toBe(30810);
    expect(await bad("limit=0")).toBe(31100);
    expect(await bad(`orderIds=${Array.from({ length: 51 }, (_, i) => `1-${i}`).join(",")}`)).toBe(30900);
    expect((await ebay(fulfillment, "getOrder", "GET", "/sell/fulfillment/v1/order/00-00000-00000")).status).toBe(404);
  });

  it("a shipped order leaves the NOT_STARTED|IN_PROGRESS filter and shows as FULFILLED", async () => {
    const order = await control<{ order_id: string }>("POST", "/ebay/sellers/seller_one/orders", { sku: skus[4], quantity: 1 });
    expect((await control("POST", `/ebay/orders/${order.body.order_id}/ship`)).status).toBe(200);
    const open = await ebay<{ total: number }>(fulfillment, "getOrders", "GET", `/sell/fulfillment/v1/order?filter=${encodeURIComponent("orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}")}`);
    expect(open.body.total).toBe(0);
    const one = await ebay<{ orderFulfillmentStatus: string }>(fulfillment, "getOrder", "GET", `/sell/fulfillment/v1/order/${order.body.order_id}`);
    expect(one.body.orderFulfillmentStatus).toBe("FULFILLED");
  });

  it("getOrders pages by record offset", async () => {
    for (let i = 0; i < 3; i++) expect((await control("POST", "/ebay/sellers/seller_one/orders", { sku: skus[4], quantity: 1 })).status).toBe(201);
    const p = await ebay<{ orders: unknown[]; total: number; next?: string }>(fulfillment, "getOrders", "GET", "/sell/fulfillment/v1/order?limit=2&offset=2");
    expect(p.body.total).toBe(3);
    expect(p.body.orders).toHaveLength(1);
  });
});

describe("eBay identity, notifications and errors", () => {
  it("identity getUser returns the connected seller", async () => {
    const r = await ebay<unknown>(null, "getUser", "GET", "/commerce/identity/v1/user/");
    expect(r.body).toEqual({ userId: expect.any(String), username: "seller_one", accountType: "INDIVIDUAL", registrationMarketplaceId: "EBAY_US" });
  });

  it("an invalid token is 401 with eBay's error body", async () => {
    const res = await fetch(`${sb.url}/ebay/sell/inventory/v1/inventory_item`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { errorId: number }[] };
    // Field by field as eBay answers: clients refresh only when `message` is exactly "Invalid access token".
    expect(body).toEqual({
      errors: [{ errorId: 1001, domain: "OAuth", category: "REQUEST", message: "Invalid access token", longMessage: "Invalid access token. Check the value of the Authorization HTTP request header." }],
    });
    expect(inventory.validateError(body)).toEqual({ ok: true });
  });

  it("account deletion notices are signed so the public key from getPublicKey verifies them", async () => {
    let received: { headers: Record<string, string | string[] | undefined>; body: string } | null = null;
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received = { headers: req.headers, body };
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const sent = await control<{ status: number }>("POST", "/ebay/account-deletion", { username: "seller_one", endpoint });
      expect(sent.body.status).toBe(204);
      const got = received as { headers: Record<string, string | string[] | undefined>; body: string } | null;
      if (!got) throw new Error("no notification received");
      const signature = JSON.parse(Buffer.from(String(got.headers["x-ebay-signature"]), "base64").toString()) as { alg: string; kid: string; signature: string; digest: string };
      expect(signature).toMatchObject({ alg: "ECDSA", digest: "SHA1" });
      const appToken = (await (await ebayTokenCall(sb.url, { grant_type: "client_credentials", scope: "https://api.ebay.com/oauth/api_scope" })).json()) as { access_token: string };
      const key = await fetch(`${sb.url}/ebay/commerce/notification/v1/public_key/${signature.kid}`, { headers: { authorization: `Bearer ${appToken.access_token}` } });
      const { key: pem, algorithm, digest } = (await key.json()) as { key: string; algorithm: string; digest: string };
      expect({ algorithm, digest }).toEqual({ algorithm: "ECDSA", digest: "SHA1" });
      expect(createVerify("sha1").update(got.body).verify(pem, signature.signature, "base64")).toBe(true);
      expect(JSON.parse(got.body)).toMatchObject({ metadata: { topic: "MARKETPLACE_ACCOUNT_DELETION" }, notification: { data: { username: "seller_one" } } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
