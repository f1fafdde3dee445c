import { expect } from "vitest";
import type { components } from "@/lib/marketplaces/generated/etsy-openapi-v3";
import { specValidator } from "@/sandbox/spec-validator";
import { etsyApiKey } from "@/sandbox/testing";

// Contract-test helpers: call the Etsy sandbox over HTTP and check every answer (success and
// error) against the official 2026 OpenAPI file, closed (no field the spec does not list).

export const etsySpec = specValidator("etsy", { closed: true });

export type Call = { status: number; body: unknown; headers: Headers };

export type EtsyCallInit = { body?: unknown; form?: Record<string, string>; token?: string | null; headers?: Record<string, string> };

/** Etsy's rate-limit headers, which every API answer carries. */
export const limitHeaders = ["x-limit-per-second", "x-remaining-this-second", "x-limit-per-day", "x-remaining-today"];

export function etsyClient(base: () => string, defaultToken: () => string) {
  return async function etsy(operationId: string, method: string, path: string, init: EtsyCallInit = {}): Promise<Call> {
    const headers: Record<string, string> = { "x-api-key": etsyApiKey, ...init.headers };
    const bearer = init.token === undefined ? defaultToken() : init.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | URLSearchParams | undefined;
    if (init.form) body = new URLSearchParams(init.form);
    else if (init.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.body);
    }
    const res = await fetch(`${base()}/etsy${path}`, { method, headers, body });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    expect(etsySpec.validateResponse(operationId, res.status, parsed), `${operationId} ${res.status} ${text.slice(0, 300)}`).toEqual({ ok: true });
    for (const h of limitHeaders) expect(res.headers.get(h), `${operationId} ${res.status} without ${h}`).toMatch(/^\d+$/);
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

export function controlClient(base: () => string) {
  return async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base()}/_control${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

// The GET shape as the spec types it (every field optional); the sandbox fills them all.
export type Inventory = {
  products: Required<components["schemas"]["ListingInventoryProduct"]>[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
  readiness_state_on_property: number[];
};

export type StoredListing = {
  listing_id: number;
  quantity: number;
  state: string;
  last_modified_timestamp: number;
  created_timestamp: number;
  readiness_state_id: number | null;
  renewals: number;
  inventory: Inventory;
};

export type SeededShop = {
  shop_id: number;
  user_id: number;
  listing_ids: number[];
  default_readiness_state_id: number;
  readiness_states: { readiness_state_id: number; readiness_state: "ready_to_ship" | "made_to_order" }[];
};

/** The read -> reshape -> write that Etsy requires (marketplaces.md), carrying each offering's processing profile. */
export function toUpdate(inv: Inventory, quantities: Record<string, number>) {
  return {
    products: inv.products.map((p) => ({
      sku: p.sku,
      property_values: p.property_values.map((pv) => ({ property_id: pv.property_id ?? 0, value_ids: pv.value_ids ?? [], values: pv.values ?? [], property_name: pv.property_name ?? undefined, scale_id: pv.scale_id ?? null })),
      offerings: p.offerings.map((o) => ({
        price: (o.price?.amount ?? 0) / (o.price?.divisor ?? 100),
        quantity: quantities[p.sku] ?? o.quantity ?? 0,
        is_enabled: o.is_enabled ?? true,
        readiness_state_id: o.readiness_state_id ?? null,
      })),
    })),
    price_on_property: inv.price_on_property,
    quantity_on_property: inv.quantity_on_property,
    sku_on_property: inv.sku_on_property,
    readiness_state_on_property: inv.readiness_state_on_property,
  };
}
