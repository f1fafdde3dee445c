// What a benchmark measured: the commit (and whether the tree differed from it), the machine
// and how busy it was, so a number can be traced to the code and conditions that produced it.
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export type RunMeta = { commit: string; dirty: boolean; cores: number; loadAtStart: number[]; node: string };

export function runMeta(): RunMeta {
  return {
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    // Untracked files and the reports themselves (an earlier bench of this session) do not change what ran.
    dirty: git(["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/reports"]) !== "",
    cores: cpus().length,
    loadAtStart: loadavg(),
    node: process.version,
  };
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

/** One line for a report: `commit abc1234 (dirty), 2 cores, load average 1.02 / 0.80 / 0.75 at start, 1.10 / ... at end, Node v20`. */
export function describeMeta(m: RunMeta): string {
  return `commit \`${m.commit}\`${m.dirty ? " with uncommitted changes" : ""}, ${m.cores} CPU cores, load average ${load(m.loadAtStart)} at start and ${load(loadavg())} at end (1 / 5 / 15 min), Node ${m.node}`;
}
