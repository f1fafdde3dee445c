import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { deliverPendingEmails } from "@/lib/email";
import { applyMovement } from "@/lib/inventory/ledger";
import { checkLowStock } from "@/lib/alerts/low-stock";
import { importListings } from "@/lib/inventory/linking";
import { onStockChanged } from "@/lib/sync/triggers";
import { item, listing, makeConnection, makeOrg, productBySku } from "./sync-fixtures";

// Low-stock emails through a real SMTP server, parsed as a mail client would.

const inbox: ParsedMail[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mailsTo = (to: string) => inbox.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)));

async function move(orgId: string, productId: string, delta: number) {
  await db.transaction((tx) => applyMovement(tx, { orgId, productId, delta, reason: "manual", sourceKey: `manual:${randomUUID()}`, actor: { type: "system" } }));
  await onStockChanged(orgId, [productId]);
  await deliverPendingEmails({ limit: 50 });
}

describe("low-stock emails", () => {
  it("sends exactly one email per crossing of the threshold to the alert recipients", async () => {
    const to = `alerts-${randomUUID().slice(0, 8)}@example.com`;
    const org = await makeOrg({ alertRecipients: [to] });
    const etsy = await makeConnection(org.id, "etsy", "Low shop");
    const sku = `LOW-${randomUUID().slice(0, 6)}`;
    await importListings(etsy, [listing("L1", [item("P1", sku, 7)])], { fetchedAt: new Date() });
    const product = await productBySku(org.id, sku);
    if (!product) throw new Error("product was not created");

    await move(org.id, product.id, -1); // 6: above the default threshold of 5
    expect(mailsTo(to)).toHaveLength(0);
    await move(org.id, product.id, -1); // 5: at the threshold
    await move(org.id, product.id, -2); // 3: still low, no second email
    expect(mailsTo(to)).toHaveLength(1);
    const [mail] = mailsTo(to);
    expect(mail.subject).toBe(`Low stock: Item ${sku} has 5 left`.replace(`Item ${sku}`, `Item ${sku} (${sku})`));
    expect(mail.text).toContain(sku);
    expect(mail.text).toContain("Etsy (Low shop): 7");

    await move(org.id, product.id, 4); // 7: back above, resolves
    await move(org.id, product.id, -3); // 4: falls again, emails again
    expect(mailsTo(to)).toHaveLength(2);
    expect(mailsTo(to)[1].subject).toContain("has 4 left");
  });

  it("emails the owners when the organization chose no recipients, and respects a product's own threshold", async () => {
    const org = await makeOrg();
    const email = `owner-${randomUUID().slice(0, 8)}@example.com`;
    const [user] = await db.insert(users).values({ email, name: "Owner" }).returning();
    await db.insert(memberships).values({ orgId: org.id, userId: user.id, role: "owner" });
    const etsy = await makeConnection(org.id, "etsy");
    const sku = `OWN-${randomUUID().slice(0, 6)}`;
    await importListings(etsy, [listing("L1", [item("P1", sku, 30)])], { fetchedAt: new Date() });
    const product = await productBySku(org.id, sku);
    if (!product) throw new Error("product was not created");
    const { products } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(products).set({ lowStockThreshold: 20 }).where(eq(products.id, product.id));

    await move(org.id, product.id, -10); // 20: at its own threshold
    expect(mailsTo(email)).toHaveLength(1);
    expect(mailsTo(email)[0].text).toContain(sku);
  });

  it("lists many products that are low at once in one email instead of one each", async () => {
    const to = `batch-${randomUUID().slice(0, 8)}@example.com`;
    const org = await makeOrg({ alertRecipients: [to] });
    const etsy = await makeConnection(org.id, "etsy");
    const skus = Array.from({ length: 12 }, (_, i) => `BATCH-${randomUUID().slice(0, 4)}-${i}`);
    const page = await importListings(etsy, skus.map((sku, i) => listing(`LB${i}`, [item(`PB${i}`, sku, 2)])), { fetchedAt: new Date() });
    await checkLowStock(org.id, page.productIds);
    await checkLowStock(org.id, page.productIds);
    await deliverPendingEmails({ limit: 50 });
    expect(mailsTo(to)).toHaveLength(1);
    expect(mailsTo(to)[0].subject).toContain("12 products");
    for (const sku of skus) expect(mailsTo(to)[0].text).toContain(sku);
    // Its button opens a real page: the inventory filtered to low stock (there is no /alerts page).
    expect(mailsTo(to)[0].text).toContain("/inventory?filter=low");
  });

  it("an opening balance with a few low products makes one summary email, not one per product", async () => {
    const to = `opening-${randomUUID().slice(0, 8)}@example.com`;
    const org = await makeOrg({ alertRecipients: [to] });
    const etsy = await makeConnection(org.id, "etsy");
    const skus = Array.from({ length: 3 }, (_, i) => `OPEN-${randomUUID().slice(0, 4)}-${i}`);
    const page = await importListings(etsy, skus.map((sku, i) => listing(`LO${i}`, [item(`PO${i}`, sku, 1)])), { fetchedAt: new Date() });
    await checkLowStock(org.id, page.productIds);
    await deliverPendingEmails({ limit: 50 });
    expect(mailsTo(to)).toHaveLength(1);
    expect(mailsTo(to)[0].subject).toBe("3 products are running low");
  });
});
