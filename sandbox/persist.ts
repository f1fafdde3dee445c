import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Sandbox } from "./context";
import { emptyState, type SandboxState } from "./state";

// SANDBOX_DATA: the whole state as one JSON file, written (debounced) after changes so
// demo shops survive restarts. Writes go to a temp file first so a crash never leaves half a file.

export function loadState(file: string): SandboxState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<SandboxState>;
  const state = { ...emptyState(), ...parsed };
  // Files written before Seller Hub listings existed have none.
  state.ebay.tradingListings ??= {};
  return state;
}

export function persistTo(sb: Sandbox, file: string): { changed: () => void; flush: () => void } {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(sb.state));
    renameSync(`${file}.tmp`, file);
  };
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    write();
  };
  process.once("exit", flush);
  return {
    changed: () => {
      if (!timer)
        timer = setTimeout(() => {
          timer = null;
          write();
        }, 200);
    },
    flush,
  };
}
