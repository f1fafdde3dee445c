import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The soak calls issue 11's reaper through here: until lib/sync/reaper.ts lands on main
// this reports it missing (and interrupted runs stay `running`, which the soak counts).
// Once main has it, this file becomes `export { reapInterruptedRuns } from "@/lib/sync/reaper"`.

type Reaper = (opts: { staleAfterMs: number }) => Promise<unknown>;

export async function reapInterruptedRuns(opts: { staleAfterMs: number }): Promise<unknown> {
  const file = path.resolve(import.meta.dirname, "../../../lib/sync/reaper.ts");
  if (!existsSync(file)) return "reaper not available (lib/sync/reaper.ts missing)";
  const mod = (await import(pathToFileURL(file).href)) as { reapInterruptedRuns: Reaper };
  return mod.reapInterruptedRuns(opts);
}
