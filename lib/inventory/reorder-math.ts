// Pure arithmetic of "To reorder": no I/O, table-tested in tests/unit/reorder-math.test.ts.

/** Sales velocity is measured over this many days, and a suggestion covers as many. */
export const VELOCITY_WINDOW_DAYS = 30;

/** The product's reorder point, else its low-stock threshold, else the organization's default. */
export function effectiveReorderPoint(reorderPoint: number | null, lowStockThreshold: number | null, orgDefault: number): number {
  return reorderPoint ?? lowStockThreshold ?? orgDefault;
}

/**
 * Units per day: units sold in the window less those of the same sales cancelled since.
 * Never negative (a cancellation is only counted against a sale in the window, but a clamp
 * keeps a bad input from reading as negative demand).
 */
export function salesVelocity(unitsSold: number, unitsCancelled: number, days = VELOCITY_WINDOW_DAYS): number {
  if (days <= 0) return 0;
  return Math.max(0, unitsSold - unitsCancelled) / days;
}

/**
 * Days until the channels run out at the current rate: what they may sell (on hand less the
 * reserve, never below 0) over units per day. null when nothing sold: no rate, no estimate.
 */
export function daysOfCover(available: number, velocity: number): number | null {
  if (velocity <= 0) return null;
  return Math.max(0, available) / velocity;
}

/**
 * The quantity to order:
 * - the product's reorder quantity when the seller set one (a supplier's case, a batch size);
 * - otherwise enough to lift on hand back to the reorder point plus 30 days of sales at the
 *   current rate, and at least 1 above the point, so a product that sold nothing still leaves
 *   the list once received. An oversold product (on hand below 0) gets its deficit made up too.
 * Never negative: a product above its point (not on the list) suggests 0.
 */
export function suggestedQuantity(p: { onHand: number; reorderPoint: number; reorderQuantity: number; velocity: number }): number {
  if (p.onHand > p.reorderPoint) return 0;
  if (p.reorderQuantity > 0) return p.reorderQuantity;
  const cover = Math.max(1, Math.ceil(p.velocity * VELOCITY_WINDOW_DAYS - 1e-9));
  return Math.max(0, p.reorderPoint + cover - p.onHand);
}

/** Most urgent first: fewest days of cover; products with no sales (no estimate) last; then lowest on hand, then SKU. */
export function byUrgency(a: { daysOfCover: number | null; onHand: number; sku: string }, b: { daysOfCover: number | null; onHand: number; sku: string }): number {
  if (a.daysOfCover !== b.daysOfCover) {
    if (a.daysOfCover === null) return 1;
    if (b.daysOfCover === null) return -1;
    return a.daysOfCover - b.daysOfCover;
  }
  if (a.onHand !== b.onHand) return a.onHand - b.onHand;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}
