// Client JavaScript a page loads, from the production build (run `next build` first):
// the root chunks every page shares plus the page's own client-reference chunks.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function pageJsSize(route: string, root = ".next"): { files: number; bytes: number; gzip: number } {
  const manifestFile = path.join(root, "server/app", route, "page_client-reference-manifest.js");
  const text = readFileSync(manifestFile, "utf8");
  const chunks = new Set<string>();
  for (const m of text.matchAll(/"(\/?_next\/static\/[^"]+\.js|static\/chunks\/[^"]+\.js)"/g)) chunks.add(m[1].replace(/^\/?_next\//, ""));
  const build = JSON.parse(readFileSync(path.join(root, "build-manifest.json"), "utf8")) as { rootMainFiles?: string[]; polyfillFiles?: string[] };
  for (const f of build.rootMainFiles ?? []) chunks.add(f);
  let bytes = 0;
  let gzip = 0;
  for (const c of chunks) {
    const file = path.join(root, c);
    bytes += statSync(file).size;
    gzip += gzipSync(readFileSync(file)).length;
  }
  return { files: chunks.size, bytes, gzip };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const route of process.argv.slice(2)) {
    const s = pageJsSize(route);
    console.log(`${route}: ${s.files} files, ${(s.bytes / 1024).toFixed(0)} KiB, ${(s.gzip / 1024).toFixed(0)} KiB gzip`);
  }
}
