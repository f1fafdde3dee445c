import { escapeHtml, html, type Res } from "../http";

// The consent pages: real HTML forms a person (or Playwright) can use. The form posts
// back to the same URL with the original query kept in hidden fields.

export type ConsentPage = {
  marketplace: "Etsy" | "eBay" | "Shopify";
  appName: string;
  scopes: string[];
  selectLabel: "Shop" | "Account";
  options: { value: string; label: string }[];
  hidden: Record<string, string>;
  action: string;
};

export function renderConsent(page: ConsentPage): Res {
  const hidden = Object.entries(page.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n      ");
  const options = page.options.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join("");
  const body = page.options.length
    ? `<label for="account">${page.selectLabel}</label>
      <select id="account" name="account">${options}</select>
      <ul>${page.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>
      <button type="submit" name="decision" value="allow">Allow access</button>
      <button type="submit" name="decision" value="deny">Deny</button>`
    : `<p>No sandbox ${page.selectLabel === "Shop" ? "shops" : "accounts"} yet. Create one on the <a href="/">sandbox home page</a>, then reload.</p>
      <button type="submit" name="decision" value="deny">Deny</button>`;
  return html(
    200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${page.marketplace} (sandbox): allow access?</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label{display:block;font-weight:600;margin:1rem 0 .25rem}select,button{font-size:1rem;padding:.4rem .8rem}button{margin-right:.5rem}</style>
</head><body>
  <h1>${page.marketplace} sandbox</h1>
  <p><strong>${escapeHtml(page.appName)}</strong> would like to access your ${page.marketplace} account:</p>
  <form method="post" action="${escapeHtml(page.action)}">
      ${hidden}
      ${body}
  </form>
</body></html>`,
  );
}

export function errorPage(status: number, title: string, message: string): Res {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`,
  );
}

/** Redirect URL with params appended (keeps any query the registered URL has). */
export function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
