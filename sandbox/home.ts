import { escapeHtml, html, type Handler } from "./http";

// The page at /: placeholder until the full page lands (lists shops and sellers).
export const homePage: Handler = (req) => {
  const sb = req.sandbox;
  const shops = Object.values(sb.state.etsy.shops).map((s) => `<li>${escapeHtml(s.shop_name)} (shop ${s.shop_id})</li>`).join("");
  const sellers = Object.values(sb.state.ebay.sellers).map((s) => `<li>${escapeHtml(s.username)}</li>`).join("");
  return html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marketplace sandbox</title></head><body><h1>Marketplace sandbox</h1><h2>Etsy shops</h2><ul>${shops}</ul><h2>eBay sellers</h2><ul>${sellers}</ul></body></html>`);
};
