import { listingQuantity } from "./etsy/present";
import { shownQuantity } from "./ebay/present";
import { escapeHtml, html, type Handler } from "./http";
import { shopifyHomeSection } from "./shopify/home";
import { outOfStockControl, tradingAvailable, tradingListingsOf, variationAvailable } from "./ebay/trading/listings";
import type { EbayItem, EbaySeller, EtsyListing, EtsyProduct, TradingListing } from "./state";

// The page at /: every shop and seller with buttons to make a sale or change a quantity,
// so a person trying Stockroom locally can watch a sale flow through. The buttons call
// the control API, the same calls tests make.

const e = escapeHtml;

function productLabel(p: EtsyProduct): string {
  const values = p.property_values.map((pv) => (pv.values ?? []).join("/")).join(", ");
  return [values, p.sku ? `SKU ${p.sku}` : "no SKU"].filter(Boolean).join(" · ");
}

function etsyRows(shopId: number, l: EtsyListing): string {
  return l.products
    .filter((p) => !p.is_deleted)
    .map((p, i) => {
      const skuArg = p.sku ? `,sku:${JSON.stringify(p.sku)}` : "";
      return `<tr>
  ${i === 0 ? `<td rowspan="${l.products.filter((x) => !x.is_deleted).length}">${e(l.title)}<br><small>#${l.listing_id} · ${l.state} · total ${listingQuantity(l)}</small></td>` : ""}
  <td>${e(productLabel(p))}</td><td>${p.offering.quantity}</td>
  <td><button onclick='act("POST","/_control/etsy/shops/${shopId}/sales",{listing_id:${l.listing_id}${skuArg},quantity:1})'>Sell 1</button>
  <input type="number" min="0" value="${p.offering.quantity}" aria-label="Quantity" id="q-${p.product_id}">
  <button onclick='act("PATCH","/_control/etsy/listings/${l.listing_id}",{quantity:Number(document.getElementById("q-${p.product_id}").value)${skuArg}})'>Set quantity</button></td>
</tr>`;
    })
    .join("");
}

function ebayRow(username: string, item: EbayItem): string {
  const offer = item.offers[0];
  const shown = offer ? shownQuantity(item, offer) : 0;
  const sku = JSON.stringify(item.sku);
  const path = `/_control/ebay/items/${encodeURIComponent(item.sku)}?seller=${encodeURIComponent(username)}`;
  return `<tr><td>${e(item.title)}</td><td>${e(item.sku)}</td><td>${shown}</td>
  <td><button onclick='act("POST","/_control/ebay/sellers/${encodeURIComponent(username)}/orders",{sku:${sku},quantity:1})'>Sell 1</button>
  <input type="number" min="0" value="${shown}" aria-label="Quantity" id="e-${e(username)}-${item.seq}">
  <button onclick='act("PATCH",${JSON.stringify(path)},{quantity:Number(document.getElementById("e-${e(username)}-${item.seq}").value)})'>Set quantity</button></td></tr>`;
}

/** Seller Hub listings: one row per variation (or one for the listing), with Sell 1 and Set quantity. */
function tradingRows(username: string, l: TradingListing): string {
  const ended = l.status !== "Active";
  const units = l.variations.length
    ? l.variations.map((v, i) => ({ key: `${l.itemId}-${i}`, label: Object.entries(v.specifics).map(([k, x]) => `${k} ${x}`).join(", ") + (v.sku ? ` · SKU ${v.sku}` : " · no SKU"), qty: variationAvailable(v), sale: { item_id: l.itemId, specifics: v.specifics }, edit: (q: string) => `{variations:[{specifics:${JSON.stringify(v.specifics)},quantity:${q}}]}` }))
    : [{ key: l.itemId, label: l.sku ? `SKU ${l.sku}` : "no SKU", qty: tradingAvailable(l), sale: { item_id: l.itemId }, edit: (q: string) => `{quantity:${q}}` }];
  return units
    .map(
      (u, i) => `<tr>${i === 0 ? `<td rowspan="${units.length}">${e(l.title)}<br><small>Seller Hub #${l.itemId}${ended ? " · ENDED" : ""}</small></td>` : ""}<td>${e(u.label)}</td><td>${u.qty}</td>
  <td>${ended ? "Relist on eBay to sell again" : `<button onclick='act("POST","/_control/ebay/sellers/${encodeURIComponent(username)}/orders",${JSON.stringify({ ...u.sale, quantity: 1 })})'>Sell 1</button>
  <input type="number" min="0" value="${u.qty}" aria-label="Quantity" id="t-${u.key}">
  <button onclick='act("PATCH","/_control/ebay/trading-listings/${l.itemId}",${u.edit(`Number(document.getElementById("t-${u.key}").value)`)})'>Set quantity</button>`}</td></tr>`,
    )
    .join("");
}

function sellerSection(sb: Parameters<Handler>[0]["sandbox"], s: EbaySeller): string {
  const oos = outOfStockControl(s);
  return `<section><h3>${e(s.username)} <small>user ${e(s.userId)} · out-of-stock control ${oos ? "on" : "off"}</small>
  <button onclick='act("PUT","/_control/ebay/sellers/${encodeURIComponent(s.username)}/preferences",{out_of_stock_control:${!oos}})'>Turn out-of-stock control ${oos ? "off" : "on"}</button>
  <button onclick='act("POST","/_control/ebay/sellers/${encodeURIComponent(s.username)}/revoke-tokens")'>Revoke app access</button></h3>
  <table><thead><tr><th>Item</th><th>SKU</th><th>Available</th><th></th></tr></thead><tbody>${Object.values(s.items)
    .sort((a, b) => a.seq - b.seq)
    .map((i) => ebayRow(s.username, i))
    .join("")}${tradingListingsOf(sb, s.username)
    .map((l) => tradingRows(s.username, l))
    .join("")}</tbody></table></section>`;
}

export const homePage: Handler = (req) => {
  const sb = req.sandbox;
  const shops = Object.values(sb.state.etsy.shops)
    .map((s) => {
      const listings = Object.values(sb.state.etsy.listings).filter((l) => l.shop_id === s.shop_id);
      return `<section><h3>${e(s.shop_name)} <small>shop ${s.shop_id} · user ${s.user_id}</small>
  <button onclick='act("POST","/_control/etsy/shops/${s.shop_id}/revoke-tokens")'>Revoke app access</button></h3>
  <table><thead><tr><th>Listing</th><th>Product</th><th>Quantity</th><th></th></tr></thead><tbody>${listings.map((l) => etsyRows(s.shop_id, l)).join("")}</tbody></table></section>`;
    })
    .join("");
  const sellers = Object.values(sb.state.ebay.sellers)
    .map((s) => sellerSection(sb, s))
    .join("");
  const s = sb.stats;
  return html(
    200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marketplace sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%;margin-bottom:1rem}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}input{width:4.5rem}small{color:#666;font-weight:normal}#msg{min-height:1.5rem;color:#a00}</style>
</head><body>
<h1>Marketplace sandbox</h1>
<p>Etsy at <code>/etsy</code>, eBay at <code>/ebay</code>, Shopify at <code>/shopify/{shop}</code>, control API at <code>/_control</code>. Calls so far: Etsy ${s.etsy.calls} (${s.etsy.rate_limited} rate limited), eBay ${s.ebay.calls}.</p>
<form onsubmit='event.preventDefault();act("POST","/_control/etsy/shops",{shop_name:this.shop_name.value,listings:Number(this.n.value)})'>
  <label>New Etsy shop <input name="shop_name" required style="width:10rem"></label> <label>listings <input name="n" type="number" value="8" min="0"></label> <button>Create shop</button></form>
<form onsubmit='event.preventDefault();act("POST","/_control/ebay/sellers",{username:this.username.value,items:Number(this.n.value)})'>
  <label>New eBay seller <input name="username" required style="width:10rem"></label> <label>items <input name="n" type="number" value="6" min="0"></label> <button>Create seller</button></form>
<p id="msg" role="status"></p>
<h2>Etsy shops</h2>${shops || "<p>No shops yet.</p>"}
<h2>eBay sellers</h2>${sellers || "<p>No sellers yet.</p>"}
<h2>Shopify stores</h2>${shopifyHomeSection(sb)}
<script>
async function act(method, path, body) {
  const res = await fetch(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.ok) return location.reload();
  const text = await res.text();
  let message = text;
  try { message = JSON.parse(text).error ?? text; } catch {}
  document.getElementById("msg").textContent = res.status + ": " + message;
}
</script>
</body></html>`,
  );
};
