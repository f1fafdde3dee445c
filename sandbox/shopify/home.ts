import type { Sandbox } from "../context";
import { escapeHtml as e } from "../http";
import { shopifyState, type ShopifyShop } from "./store";

// The Shopify part of the sandbox page at /: each store's variants with their available
// quantity at every location, and buttons that call the control API (a sale, an edit in
// Shopify admin, uninstalling the app), the same calls tests make.

function shopSection(shop: ShopifyShop): string {
  const rows = Object.values(shop.products).flatMap((p) =>
    p.variantIds.map((id, i) => {
      const v = shop.variants[String(id)];
      const cells = shop.locations
        .map((l) => {
          const q = v.levels[String(l.id)];
          if (q === undefined) return `<td>not stocked</td>`;
          const input = `s-${v.id}-${l.id}`;
          const sku = JSON.stringify(v.sku);
          return `<td>${q} <button onclick='act("POST","/_control/shopify/shops/${e(shop.domain)}/orders",{lines:[{sku:${sku},quantity:1}],location:${JSON.stringify(l.name)}})'>Sell 1</button>
  <input type="number" min="0" value="${q}" aria-label="Available at ${e(l.name)}" id="${input}">
  <button onclick='act("PATCH","/_control/shopify/inventory/${encodeURIComponent(v.sku)}?shop=${e(shop.domain)}",{available:Number(document.getElementById("${input}").value),location:${JSON.stringify(l.name)}})'>Set</button></td>`;
        })
        .join("");
      return `<tr>${i === 0 ? `<td rowspan="${p.variantIds.length}">${e(p.title)}<br><small>${p.status.toLowerCase()}</small></td>` : ""}<td>${e(v.title)}</td><td>${e(v.sku || "no SKU")}</td>${cells}</tr>`;
    }),
  );
  return `<section><h3>${e(shop.name)} <small>${e(shop.domain)}</small>
  <button onclick='act("POST","/_control/shopify/shops/${e(shop.domain)}/uninstall")'>Uninstall app</button></h3>
  <table><thead><tr><th>Product</th><th>Variant</th><th>SKU</th>${shop.locations.map((l) => `<th>${e(l.name)}${l.primary ? " (primary)" : ""}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

export function shopifyHomeSection(sb: Sandbox): string {
  const shops = Object.values(shopifyState(sb.state).shops);
  return shops.length ? shops.map(shopSection).join("") : "<p>No stores yet.</p>";
}
