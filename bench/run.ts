// npm run bench — every benchmark in turn, each writing its report under bench/reports/.
// The dashboard benchmark needs real PostgreSQL (DATABASE_URL) and a production build
// for the page sizes; without DATABASE_URL it is skipped with a note, not faked on PGlite.
import { spawnSync } from "node:child_process";

const benches: { name: string; script: string; needsPostgres: boolean }[] = [
  { name: "sync", script: "bench/sync.ts", needsPostgres: false },
  { name: "dashboard", script: "bench/dashboard.ts", needsPostgres: true },
];

let failed = 0;
for (const b of benches) {
  if (b.needsPostgres && !process.env.DATABASE_URL) {
    console.log(`== ${b.name}: skipped (set DATABASE_URL to a PostgreSQL database; scripts/start-postgres.sh starts one)`);
    continue;
  }
  console.log(`== ${b.name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", b.script], { stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    failed++;
    console.error(`== ${b.name} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
