// CPU spent per request, by the benchmark's own process (the app's code) and by the PostgreSQL
// server when it runs on this machine. At N concurrent callers a request that costs C ms of CPU
// cannot average under N × C / cores ms, however it is written: that is the CPU floor of a
// concurrency row, as the rate limit is the floor of a sync row.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rowsOf } from "@/db/sets";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const stat = (pid: string) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");

/** The local PostgreSQL server's postmaster pid, or null when the server is not a process of this machine. */
export async function localServerPid(): Promise<string | null> {
  const [row] = rowsOf<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`));
  try {
    const parent = stat(String(row.pid))[1];
    return readFileSync(`/proc/${parent}/comm`, "utf8").startsWith("postgres") ? parent : null;
  } catch {
    return null;
  }
}

/** CPU ms used so far by the server: the postmaster and every process it started (backends, WAL writer, ...). */
function serverCpuMs(postmaster: string): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = stat(pid);
      if (pid === postmaster || f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}

export type CpuUse = { appMs: number; dbMs: number | null };

/** Starts measuring; the returned function gives the CPU used since, per request. */
export function cpuMeter(postmaster: string | null): (requests: number) => CpuUse {
  const app = process.cpuUsage();
  const server = postmaster ? serverCpuMs(postmaster) : 0;
  return (requests) => {
    const used = process.cpuUsage(app);
    return {
      appMs: (used.user + used.system) / 1000 / requests,
      dbMs: postmaster ? (serverCpuMs(postmaster) - server) / requests : null,
    };
  };
}
