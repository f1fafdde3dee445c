import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// The app's webhook routes behind a real HTTP port, so the sandbox delivers to them as
// Etsy and eBay deliver to a deployed app. Requests go to the route handlers unchanged.

type RouteHandler = (req: Request) => Promise<Response>;

export type WebhookEndpoint = { url: string; close(): Promise<void>; answers: { path: string; status: number }[] };

function toRequest(req: IncomingMessage, body: Buffer, base: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  return new Request(new URL(req.url ?? "/", base), { method: req.method, headers, body: req.method === "GET" ? undefined : new Uint8Array(body) });
}

export async function startWebhookEndpoint(routes: Record<string, RouteHandler>): Promise<WebhookEndpoint> {
  const answers: WebhookEndpoint["answers"] = [];
  let base = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const route = routes[path];
      void (async () => {
        const out = route ? await route(toRequest(req, Buffer.concat(chunks), base)) : new Response("not found", { status: 404 });
        answers.push({ path, status: out.status });
        res.writeHead(out.status, { "content-type": out.headers.get("content-type") ?? "text/plain" }).end(await out.text());
      })().catch((e: unknown) => {
        answers.push({ path, status: 500 });
        res.writeHead(500).end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
