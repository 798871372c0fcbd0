// Starts the built server (dist/) as a real process on a free port with a fresh SQLite database.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "../harness/ports.js";

export interface RunningServer {
  url: string;
  output: () => string;
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startBuiltServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync("dist/server/main.js") || !existsSync("dist/web/index.html")) {
    throw new Error("dist/ is missing: run `npm run build` first (npm run test:e2e does)");
  }
  const dataDir = await mkdtemp(join(tmpdir(), "rencai-e2e-"));
  const port = await findFreePort();
  let log = "";
  const child: ChildProcess = spawn(process.execPath, ["dist/server/main.js", "serve"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => log,
    async stop() {
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGINT");
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
