import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Sandbox } from "./context";
import { emptyState, type SandboxState } from "./state";

// SANDBOX_DATA: the whole state as one JSON file, written (debounced) after changes so
// demo shops survive restarts. Writes go to a temp file first so a crash never leaves half a file.

export function loadState(file: string): SandboxState {
  if (!existsSync(file)) return emptyState();
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<SandboxState>;
  return { ...emptyState(), ...parsed };
}

export function persistTo(sb: Sandbox, file: string): () => void {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    timer = null;
    writeFileSync(`${file}.tmp`, JSON.stringify(sb.state));
    renameSync(`${file}.tmp`, file);
  };
  process.once("exit", () => {
    if (timer) write();
  });
  return () => {
    if (!timer) timer = setTimeout(write, 200);
  };
}
