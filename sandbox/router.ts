import type { Handler } from "./http";

// A tiny router: `{name}` segments capture path parameters. Literal segments win over
// parameters, so /users/me is found before /users/{user_id}.

type Route = { method: string; parts: string[]; handler: Handler; literals: number };

export type Match = { handler: Handler; params: Record<string, string> };

export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const parts = split(pattern);
    this.routes.push({ method, parts, handler, literals: parts.filter((p) => !p.startsWith("{")).length });
    this.routes.sort((a, b) => b.literals - a.literals);
    return this;
  }

  match(method: string, path: string): Match | "method_not_allowed" | null {
    const segs = split(path);
    let pathMatched = false;
    for (const r of this.routes) {
      const params = matchParts(r.parts, segs);
      if (!params) continue;
      pathMatched = true;
      if (r.method === method) return { handler: r.handler, params };
    }
    return pathMatched ? "method_not_allowed" : null;
  }
}

function split(path: string): string[] {
  return path.split("/").filter(Boolean);
}

export function matchParts(parts: string[], segs: string[]): Record<string, string> | null {
  if (parts.length !== segs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const s = segs[i];
    if (p.startsWith("{") && p.endsWith("}")) {
      try {
        params[p.slice(1, -1)] = decodeURIComponent(s);
      } catch {
        return null;
      }
    } else if (p !== s) return null;
  }
  return params;
}
