// The seller's part of OAuth on the sandbox: open the consent page over HTTP, pick the
// account, press "Allow access", and return the callback's query (code and state).

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export async function consentThroughSandbox(consentUrl: string, account: string): Promise<URLSearchParams> {
  const page = await fetch(consentUrl);
  const body = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${body.slice(0, 200)}`);
  const action = decode(/<form method="post" action="([^"]*)"/.exec(body)?.[1] ?? "");
  const form = new URLSearchParams();
  for (const m of body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(decode(m[1]), decode(m[2]));
  const options = [...body.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((m) => ({ value: decode(m[1]), label: decode(m[2]) }));
  const chosen = options.find((o) => o.value === account || o.label.includes(account));
  if (!chosen) throw new Error(`no account ${account} on the consent page (have ${options.map((o) => o.label).join(", ")})`);
  form.set("account", chosen.value);
  form.set("decision", "allow");
  const res = await fetch(new URL(action, consentUrl), { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
  const location = res.headers.get("location");
  if (!location) throw new Error(`consent POST answered ${res.status} without a redirect`);
  return new URL(location).searchParams;
}
