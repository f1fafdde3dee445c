// `npm run dev`: the sandbox marketplaces and the Next dev server side by side,
// stopped together. No configuration needed.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const children = [];
function run(name, cmd, args) {
  const child = spawn(cmd, args, { stdio: "inherit", env: process.env });
  child.on("exit", (code) => {
    console.log(`[${name}] exited with ${code}`);
    shutdown(code ?? 1);
  });
  children.push(child);
}
function shutdown(code) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

if (existsSync("sandbox/server.ts") && process.env.SANDBOX !== "off") run("sandbox", "node_modules/.bin/tsx", ["sandbox/server.ts"]);
run("next", "node_modules/.bin/next", ["dev", "-p", process.env.PORT ?? "3000"]);
