// The registry this project installs from serves only the Linux builds of packages that
// ship per-platform binaries (@next/swc-*, @tailwindcss/oxide-*, ...). `npm install` then
// leaves the other platforms out of package-lock.json, and `npm ci` refuses the lock as
// "out of sync". This adds an entry for each missing optional platform package with its
// os/cpu, so npm ci skips it on this platform exactly as it would with a full lock.
// Run after `npm install` changes the lock: node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const pkgs = lock.packages;
const platform = (name) => {
  const m = name.match(/-(android|darwin|freebsd|linux|win32|wasm32|openbsd|sunos|aix|netbsd)-([a-z0-9]+)/);
  if (!m) return null;
  if (m[1] === "wasm32") return { cpu: ["wasm32"] };
  const cpu = m[2] === "arm" ? "arm" : m[2] === "ia32" ? "ia32" : m[2];
  const entry = { os: [m[1]], cpu: [cpu] };
  if (name.includes("-musl")) entry.libc = ["musl"];
  else if (m[1] === "linux" && name.includes("-gnu")) entry.libc = ["glibc"];
  return entry;
};
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const parent = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (pkgs[parent] || pkgs[`node_modules/${dep}`]) continue;
    const p = platform(dep);
    if (!p || !/^\d+\.\d+\.\d+/.test(version)) continue;
    pkgs[`node_modules/${dep}`] = { version, optional: true, ...p };
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-platform-stubs: added ${added} platform entries`);
