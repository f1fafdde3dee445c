import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Sandbox } from "./context";

// Handlers are functions from a parsed request to a response value; only this file
// touches node:http, so every handler is easy to read and to test.

export type Req = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  params: Record<string, string>;
  /** The sandbox's own origin, e.g. http://127.0.0.1:4010, for links it hands out. */
  origin: string;
  sandbox: Sandbox;
};

export type Res = {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialized unless `raw` is set. */
  json?: unknown;
  html?: string;
  raw?: { body: string; contentType: string };
  /** Hold the answer this long (the `timeout` fault). */
  delayMs?: number;
};

export type Handler = (req: Req) => Res | Promise<Res>;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Res => ({ status, json: body, headers });
export const html = (status: number, body: string): Res => ({ status, html: body });
export const noContent = (): Res => ({ status: 204 });
export const redirect = (location: string): Res => ({ status: 302, headers: { location } });

export function header(req: Req, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function writeRes(res: ServerResponse, out: Res): void {
  const headers: Record<string, string> = { ...out.headers };
  let body = "";
  if (out.raw) {
    body = out.raw.body;
    headers["content-type"] = out.raw.contentType;
  } else if (out.html !== undefined) {
    body = out.html;
    headers["content-type"] = "text/html; charset=utf-8";
  } else if (out.json !== undefined) {
    body = JSON.stringify(out.json);
    headers["content-type"] = "application/json";
  }
  res.writeHead(out.status, headers);
  res.end(body);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** Parses a JSON request body; returns an error message instead of throwing. */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (body.trim() === "") return { ok: false, message: "Request body is empty; expected JSON." };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, message: `Request body is not valid JSON: ${(e as Error).message}` };
  }
}
