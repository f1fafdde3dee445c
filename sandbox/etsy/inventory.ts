import type { operations } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import { nextId, nowSec, type EtsyListing, type EtsyProduct, type SandboxState } from "../state";

// updateListingInventory: the PUT replaces the listing's whole inventory, so it is
// checked as a whole, the way Etsy does. Quirks kept on purpose:
// - product_id and offering_id change on every update (etsy/open-api issues 432, 523);
// - at least one enabled offering must keep quantity > 0 (issues 395, 473, 501, 560);
// - read-only fields from the GET shape are refused (issues 134, 168, 393);
// - every offering names its processing profile (2026): readiness_state_id is required by the
//   spec (the pipeline refuses it missing), must be one of the shop's profiles, and null puts
//   the shop's default profile back: a write that drops the seller's profiles resets them.

export type InventoryUpdate = NonNullable<operations["updateListingInventory"]["requestBody"]>["content"]["application/json"];

const readOnlyProductKeys = ["product_id", "is_deleted"];
const readOnlyOfferingKeys = ["offering_id", "is_deleted"];
const MAX_QUANTITY = 999;
const MIN_PRICE = 0.2;
const MAX_PRICE = 50_000;

function keysOf(v: unknown): string[] {
  return typeof v === "object" && v !== null ? Object.keys(v) : [];
}

/** Read-only keys of the GET shape, sent back by a client that did not reshape it. */
function readOnlyKeyError(raw: unknown): string | null {
  const products = (raw as { products?: unknown }).products;
  if (!Array.isArray(products)) return null;
  for (const [i, p] of products.entries()) {
    const bad = keysOf(p).find((k) => readOnlyProductKeys.includes(k));
    if (bad) return `products[${i}].${bad} is read-only and can't be set; send products without it.`;
    const offerings = (p as { offerings?: unknown }).offerings;
    if (Array.isArray(offerings)) {
      for (const [j, o] of offerings.entries()) {
        const badO = keysOf(o).find((k) => readOnlyOfferingKeys.includes(k));
        if (badO) return `products[${i}].offerings[${j}].${badO} is read-only and can't be set; send offerings without it.`;
      }
    }
  }
  return null;
}

const comboKey = (pvs: { property_id: number; values: string[] }[]) =>
  pvs
    .map((pv) => `${pv.property_id}=${pv.values.join("|")}`)
    .sort()
    .join(";");

function differs<T>(values: T[]): boolean {
  return new Set(values).size > 1;
}

/** Validates the whole update against the shop's processing profiles; returns Etsy's error message, or null when it can be applied. */
export function inventoryUpdateError(raw: unknown, update: InventoryUpdate, readinessStateIds: number[]): string | null {
  const readOnly = readOnlyKeyError(raw);
  if (readOnly) return readOnly;
  const products = update.products;
  if (products.length === 0) return "Missing Input Parameter: [products]";
  const propertyIds = new Set<number>();
  const combos = new Set<string>();
  let shape: string | null = null;
  for (const [i, p] of products.entries()) {
    if (p.offerings.length !== 1) return `products[${i}] must have exactly one offering.`;
    const o = p.offerings[0];
    if (o.quantity < 0 || o.quantity > MAX_QUANTITY) return `Offering quantity must be between 0 and ${MAX_QUANTITY}.`;
    if (o.price < MIN_PRICE || o.price > MAX_PRICE) return `Offering price must be between ${MIN_PRICE.toFixed(2)} and ${MAX_PRICE}.`;
    if (o.readiness_state_id === undefined) return "Missing required parameter: readiness_state_id";
    if (o.readiness_state_id !== null && !readinessStateIds.includes(o.readiness_state_id))
      return `Invalid readiness_state_id ${o.readiness_state_id}: it is not a processing profile of this shop.`;
    const pvs = p.property_values ?? [];
    for (const pv of pvs) {
      if (pv.values.length === 0) return `products[${i}].property_values must have at least one value.`;
      if (pv.values.some((v) => /[()]/.test(v))) return "Parenthesis characters are not allowed in property values.";
      propertyIds.add(pv.property_id);
    }
    const thisShape = pvs.map((pv) => pv.property_id).sort().join(",");
    if (shape !== null && shape !== thisShape) return "Every product must have values for the same properties.";
    shape = thisShape;
    const key = comboKey(pvs);
    if (combos.has(key)) return `Duplicate product: products[${i}] has the same property values as another product.`;
    combos.add(key);
  }
  if (products.length > 1 && propertyIds.size === 0) return "Property values can't be empty when a listing has more than one product.";
  for (const [field, ids] of [
    ["price_on_property", update.price_on_property],
    ["quantity_on_property", update.quantity_on_property],
    ["sku_on_property", update.sku_on_property],
    ["readiness_state_on_property", update.readiness_state_on_property],
  ] as const) {
    const unknown = (ids ?? []).find((id) => !propertyIds.has(id));
    if (unknown !== undefined) return `${field} contains ${unknown}, which is not a property of these products.`;
  }
  // Without *_on_property, a value must be the same for every product (spec: "the update
  // fails if the supplied values ... are incompatible with values in *_on_property fields").
  if (!update.price_on_property?.length && differs(products.map((p) => p.offerings[0].price)))
    return "Products have different prices but price_on_property is empty.";
  if (!update.quantity_on_property?.length && differs(products.map((p) => p.offerings[0].quantity)))
    return "Products have different quantities but quantity_on_property is empty.";
  if (!update.sku_on_property?.length && differs(products.map((p) => p.sku ?? "")))
    return "Products have different SKUs but sku_on_property is empty.";
  if (!update.readiness_state_on_property?.length && differs(products.map((p) => p.offerings[0].readiness_state_id)))
    return "Products have different processing profiles but readiness_state_on_property is empty.";
  if (!products.some((p) => p.offerings[0].is_enabled && p.offerings[0].quantity > 0)) return "One offering must have quantity greater than 0";
  return null;
}

/** Replaces the inventory. Call only after inventoryUpdateError returned null. */
export function applyInventoryUpdate(state: SandboxState, listing: EtsyListing, update: InventoryUpdate, defaultReadinessStateId: number): void {
  const knownValueIds = new Map<string, number>();
  for (const p of listing.products)
    for (const pv of p.property_values)
      (pv.values ?? []).forEach((v, i) => {
        const id = pv.value_ids?.[i];
        if (id !== undefined) knownValueIds.set(`${pv.property_id}=${v}`, id);
      });
  // Products the update leaves out are deleted: hidden unless show_deleted=true.
  const kept = new Set(update.products.map((p) => comboKey(p.property_values ?? [])));
  const deleted = listing.products
    .filter((p) => p.is_deleted || !kept.has(comboKey(p.property_values.map((pv) => ({ property_id: pv.property_id ?? 0, values: pv.values ?? [] })))))
    .map((p) => ({ ...p, is_deleted: true, offering: { ...p.offering, is_deleted: true } }));
  listing.products = update.products.map(
    (p): EtsyProduct => ({
      product_id: nextId(state, "etsyProduct"),
      sku: p.sku ?? "",
      is_deleted: false,
      property_values: (p.property_values ?? []).map((pv) => ({
        property_id: pv.property_id,
        property_name: pv.property_name ?? null,
        scale_id: pv.scale_id ?? null,
        scale_name: null,
        values: pv.values,
        value_ids: pv.values.map((v, i) => pv.value_ids[i] ?? knownValueIds.get(`${pv.property_id}=${v}`) ?? nextId(state, "etsyValue")),
      })),
      offering: {
        offering_id: nextId(state, "etsyOffering"),
        price_cents: Math.round(p.offerings[0].price * 100),
        quantity: p.offerings[0].quantity,
        is_enabled: p.offerings[0].is_enabled,
        is_deleted: false,
        readiness_state_id: p.offerings[0].readiness_state_id ?? defaultReadinessStateId,
      },
    }),
  );
  listing.products.push(...deleted);
  listing.price_on_property = update.price_on_property ?? [];
  listing.quantity_on_property = update.quantity_on_property ?? [];
  listing.sku_on_property = update.sku_on_property ?? [];
  listing.readiness_state_on_property = update.readiness_state_on_property ?? [];
  listing.last_modified = nowSec(state);
}
