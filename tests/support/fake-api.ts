import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A scriptable stand-in for a marketplace host, for HTTP-layer behaviour the sandbox
// cannot be asked to produce exactly (a precise retry-after, a hanging socket).
export type FakeHit = { at: number; method: string; url: string; authorization: string | undefined; body: string };

export async function startFakeApi(handler: (req: IncomingMessage, res: ServerResponse, hit: FakeHit, index: number) => void) {
  const hits: FakeHit[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const hit = { at: Date.now(), method: req.method ?? "GET", url: req.url ?? "/", authorization: req.headers.authorization, body };
      hits.push(hit);
      handler(req, res, hit, hits.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
