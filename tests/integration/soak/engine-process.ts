import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

// The soak's engine child (engine-child.ts): started with `node --import tsx` so the pid
// we signal is the engine itself (the tsx CLI would put a relay process in between and a
// SIGKILL would leave the engine running), in its own process group so nothing survives.

export type EngineLine = { at: number; event: string; connectionId?: string; kind?: string; status?: string; error?: string; reaped?: number };

const ROOT = path.resolve(import.meta.dirname, "../../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class EngineProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly lines: EngineLine[] = [];
  kills = 0;
  starts = 0;
  private closed = false;

  constructor(
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get alive() {
    return this.child !== null;
  }

  /** Starts the engine and resolves once it has reaped its predecessor's runs (30 s cap); null once destroyed. */
  async start(): Promise<EngineLine | null> {
    if (this.child) throw new Error("the engine is already running");
    // A restart scheduled after a kill must not outlive the test.
    if (this.closed) return null;
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/soak/engine-child.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, SCHEDULER: "off" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    const generation = this.starts;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    child.stderr?.on("data", (d: Buffer) => appendFileSync(this.logFile, d));
    const ready = new Promise<EngineLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the engine child did not start within 30 s")), 30_000);
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
        appendFileSync(this.logFile, `[${generation}] ${text}\n`);
        let line: EngineLine;
        try {
          line = JSON.parse(text) as EngineLine;
        } catch {
          return;
        }
        this.lines.push(line);
        if (line.event === "ready") {
          clearTimeout(timer);
          resolve(line);
        }
        if (line.event === "fatal") {
          clearTimeout(timer);
          reject(new Error(`the engine child failed: ${line.error}`));
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error("the engine child exited before it was ready"));
      });
    });
    return ready;
  }

  /** SIGKILL at once (synchronous, so it can land between a marketplace write and its bookkeeping). */
  killNow(): boolean {
    const child = this.child;
    if (!child?.pid) return false;
    this.child = null;
    this.kills++;
    signalGroup(child.pid, "SIGKILL");
    return true;
  }

  async waitExit(capMs = 10_000) {
    await Promise.race([this.exited, sleep(capMs)]);
  }

  /** SIGTERM (finish the current runs), then SIGKILL after capMs. */
  async stop(capMs = 30_000) {
    const child = this.child;
    if (!child?.pid) return;
    signalGroup(child.pid, "SIGTERM");
    await this.waitExit(capMs);
    if (this.child === child) signalGroup(child.pid, "SIGKILL");
    this.child = null;
    await this.waitExit(5_000);
  }

  /** afterAll: whatever happened, no engine outlives the test. */
  destroy() {
    this.closed = true;
    if (this.child?.pid) signalGroup(this.child.pid, "SIGKILL");
    this.child = null;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    // ESRCH: it exited on its own meanwhile, which is what we wanted.
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}
