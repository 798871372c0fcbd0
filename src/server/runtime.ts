import type { Config } from "./config.js";
import { openDatabase } from "./db/connect.js";
import { checkDurability } from "./db/durability.js";
import { migrateToLatest } from "./db/migrate.js";
import { type Clock, systemClock } from "./lib/clock.js";
import type { Deps } from "./lib/context.js";
import { makeFieldCipher } from "./lib/crypto.js";
import { buildServices, type Services } from "./services.js";

export interface Runtime {
  config: Config;
  deps: Deps;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and wires the services. */
export async function openRuntime(
  config: Config,
  options: { clock?: Clock; migrate?: boolean } = {},
): Promise<Runtime> {
  const database = openDatabase(config.databaseUrl);
  try {
    // The cipher seals personal data that older versions left in plaintext (2026_12_06_0300_form_pii).
    if (options.migrate ?? true)
      await migrateToLatest(database, { cipher: makeFieldCipher(config.dataKey, config.blindIndexKey) });
    await checkDurability(database, process.env.NODE_ENV === "production");
  } catch (error) {
    await database.close();
    throw error;
  }
  const deps: Deps = { database, clock: options.clock ?? systemClock };
  return { config, deps, services: buildServices(deps, config), close: () => database.close() };
}
