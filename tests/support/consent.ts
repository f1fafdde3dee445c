// Drives a sandbox consent page the way a browser would: read the form, pick the shop,
// press a button, and follow the redirect back to our callback URL.

export type ConsentChoice = { shop?: string; button: "Allow access" | "Deny" };

const attr = (tag: string, name: string) => tag.match(new RegExp(`${name}="([^"]*)"`, "i"))?.[1]?.replace(/&amp;/g, "&") ?? null;

export async function answerConsent(consentUrl: string, choice: ConsentChoice): Promise<URL> {
  const page = await fetch(consentUrl, { redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html.slice(0, 200)}`);
  const formTag = html.match(/<form[^>]*>/i)?.[0];
  if (!formTag) throw new Error(`no form on the consent page: ${html.slice(0, 300)}`);
  const action = new URL(attr(formTag, "action") ?? consentUrl, consentUrl);
  const body = new URLSearchParams();
  for (const input of html.match(/<input[^>]*>/gi) ?? []) {
    const name = attr(input, "name");
    if (name && /type="hidden"/i.test(input)) body.set(name, attr(input, "value") ?? "");
  }
  const select = html.match(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/i);
  if (select?.[1]) {
    const options = [...(select[2] ?? "").matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</gi)];
    const wanted = choice.shop ? options.find((o) => o[2]?.trim() === choice.shop || o[1] === choice.shop) : options[0];
    if (!wanted) throw new Error(`shop ${choice.shop} is not offered: ${options.map((o) => o[2]).join(", ")}`);
    body.set(select[1], wanted[1] ?? "");
  }
  const button = [...html.matchAll(/<button([^>]*)>([^<]*)<\/button>/gi)].find((b) => b[2]?.trim() === choice.button);
  if (!button) throw new Error(`no "${choice.button}" button`);
  const buttonName = attr(button[1] ?? "", "name");
  if (buttonName) body.set(buttonName, attr(button[1] ?? "", "value") ?? "");
  const answer = await fetch(action, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
  const location = answer.headers.get("location");
  if (answer.status < 300 || answer.status >= 400 || !location) throw new Error(`consent answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
  return new URL(location, action);
}
