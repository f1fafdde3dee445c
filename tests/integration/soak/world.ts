import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { Invalid } from "@/lib/errors";
import { recordManualAdjustment } from "@/lib/inventory/manual";
import type { OrgContext } from "@/lib/tenancy/context";
import type { Control } from "../sandbox-control";

// What the soak did as buyers, seller and Stockroom user, and what stock must follow from it.
// Every change is recorded only once the sandbox (or the ledger) accepted it.

export type Sku = { sku: string; start: number; productId: string; listingId: number; low: boolean; variation: boolean };
export type GenuineEdit = { sku: string; listingId: number; delta: number; at: number };
export type Sale = { channel: "etsy" | "ebay"; externalId: string; sku: string; quantity: number; at: number; cancelled: boolean; cancelledAt?: number };

/** Seeded, so a failing run can be replayed with the same choices (SOAK_SEED). */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] };
}

export class World {
  readonly expected = new Map<string, number>();
  readonly sales: Sale[] = [];
  readonly genuineEdits: GenuineEdit[] = [];
  /** Edits a push's write erased before any read could see them (see etsy-traffic.ts). */
  readonly erasedEdits: (GenuineEdit & { afterMs: number; readBeforeMs: number | null })[] = [];
  readonly manualEdits: { sku: string; delta: number; at: number }[] = [];
  readonly refused = { sales: 0, cancels: 0, manual: 0, edits: 0 };
  cancellations = 0;

  private constructor(
    private readonly control: Control,
    private readonly ctx: OrgContext,
    readonly skus: Sku[],
    readonly shopId: number,
    readonly seller: string,
    private readonly rand: ReturnType<typeof seededRandom>,
  ) {
    for (const s of skus) this.expected.set(s.sku, s.start);
  }

  /** A Stockroom user (manager or better) of the organization, for the manual edits. */
  static async create(control: Control, orgId: string, skus: Sku[], shopId: number, seller: string, rand: ReturnType<typeof seededRandom>) {
    const [user] = await db.insert(users).values({ email: `soak-${randomUUID().slice(0, 8)}@example.com`, name: "Soak manager" }).returning();
    await db.insert(memberships).values({ orgId, userId: user.id, role: "manager" });
    return new World(control, { orgId, userId: user.id, role: "manager" }, skus, shopId, seller, rand);
  }

  private move(sku: string, delta: number) {
    this.expected.set(sku, (this.expected.get(sku) ?? 0) + delta);
  }

  /** The channel never showed this edit to anyone: it is not stock Stockroom could have known about. */
  erase(edit: GenuineEdit, how: { afterMs: number; readBeforeMs: number | null }) {
    this.genuineEdits.splice(this.genuineEdits.indexOf(edit), 1);
    this.erasedEdits.push({ ...edit, ...how });
    this.move(edit.sku, -edit.delta);
  }

  /** Two edits of one listing with no read between them reach any reader as one: expect their sum once. */
  mergeUnreadEdits(readBetween: (listingId: number, from: number, to: number) => boolean) {
    const edits = [...this.genuineEdits].sort((a, b) => a.at - b.at);
    this.genuineEdits.length = 0;
    for (const e of edits) {
      const prev = this.genuineEdits.findLast((x) => x.sku === e.sku);
      if (prev && !readBetween(e.listingId, prev.at, e.at)) prev.delta += e.delta;
      else this.genuineEdits.push({ ...e });
    }
    // Edits that cancel out before anyone looked moved nothing anyone could see.
    for (const e of this.genuineEdits.filter((x) => x.delta === 0)) this.genuineEdits.splice(this.genuineEdits.indexOf(e), 1);
  }

  /** A buyer on a random channel buys 1 or 2 of a random SKU (refused by the channel when it shows too few). */
  async sale(at: number) {
    const s = this.rand.pick(this.skus);
    const channel = this.rand.next() < 0.5 ? "etsy" : "ebay";
    const quantity = this.rand.next() < 0.8 ? 1 : 2;
    try {
      const externalId =
        channel === "etsy"
          ? String((await this.control.etsySale(this.shopId, { listing_id: s.listingId, sku: s.sku, quantity })).receipt_id)
          : (await this.control.ebayOrder(this.seller, { sku: s.sku, quantity })).order_id;
      this.sales.push({ channel, externalId, sku: s.sku, quantity, at, cancelled: false });
      this.move(s.sku, -quantity);
    } catch (err) {
      if (!String(err).includes("→ 409")) throw err;
      this.refused.sales++;
    }
  }

  /** Half the time the sale just placed (often cancelled before Stockroom read it), else an older one. */
  async cancel(at: number) {
    const open = this.sales.filter((x) => !x.cancelled);
    if (open.length === 0) return;
    const sale = this.rand.next() < 0.5 ? open[open.length - 1] : this.rand.pick(open);
    try {
      await (sale.channel === "etsy" ? this.control.etsyCancel(Number(sale.externalId)) : this.control.ebayCancel(sale.externalId));
      sale.cancelled = true;
      sale.cancelledAt = at;
      this.cancellations++;
      this.move(sale.sku, sale.quantity);
    } catch (err) {
      if (!String(err).includes("→ 409")) throw err;
      this.refused.cancels++;
    }
  }

  /** A manager adjusts stock by ±n in Stockroom (the inventory page's lib call). */
  async manual(at: number) {
    const s = this.rand.pick(this.skus);
    let delta = this.rand.int(8) - 3;
    if (delta === 0 || (delta < 0 && (this.expected.get(s.sku) ?? 0) < 10)) delta = 1 + this.rand.int(5);
    try {
      await recordManualAdjustment(this.ctx, { productId: s.productId, delta, reason: "soak" });
      this.manualEdits.push({ sku: s.sku, delta, at });
      this.move(s.sku, delta);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      this.refused.manual++;
    }
  }

  /** The seller changes a well-stocked Etsy listing by ±n in Etsy's own editor. */
  async genuineEdit(at: number) {
    const candidates = this.skus.filter((s) => !s.low && (this.expected.get(s.sku) ?? 0) >= 15);
    if (candidates.length === 0) return;
    const s = this.rand.pick(candidates);
    let delta = this.rand.int(9) - 3;
    if (delta === 0) delta = 4;
    try {
      await this.control.etsyEdit(s.listingId, { delta, sku: s.sku });
      this.genuineEdits.push({ sku: s.sku, listingId: s.listingId, delta, at });
      this.move(s.sku, delta);
    } catch (err) {
      if (!String(err).includes("→ 409")) throw err;
      this.refused.edits++;
    }
  }
}
