import { randomBytes } from "node:crypto";
import type { ReadStream } from "node:fs";
import { mkdir, open, rename, rm, unlink } from "node:fs/promises";
import { join } from "node:path";

// The bytes of uploaded files, on local disk under DATA_DIR/files/<2-char shard>/<64 hex chars>.
// Names are random, never derived from what the user sent; a file appears under its name only once
// it is complete (written to a temporary name in the same folder, flushed, then renamed).

const KEY_PATTERN = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = ".tmp-";

export interface BlobStore {
  /** Writes the bytes and returns their key. */
  put(bytes: Uint8Array): Promise<string>;
  /** A stream of the bytes; fails with ENOENT (before any byte is sent) if they are gone. */
  open(key: string): Promise<ReadStream>;
  /** Removes the bytes; a missing file is not an error. */
  remove(key: string): Promise<void>;
  /** Where the bytes live (tests and tools). */
  pathOf(key: string): string;
}

export function makeBlobStore(root: string): BlobStore {
  const pathOf = (key: string): string => {
    // Keys come from our own database; refuse anything else rather than build a path from it.
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return join(root, key.slice(0, 2), key);
  };

  return {
    pathOf,

    async put(bytes) {
      const key = randomBytes(32).toString("hex");
      const target = pathOf(key);
      const folder = join(root, key.slice(0, 2));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const temp = join(folder, `${TEMP_PREFIX}${key}-${randomBytes(4).toString("hex")}`);
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } catch (error) {
        await handle.close();
        await rm(temp, { force: true });
        throw error;
      }
      await handle.close();
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return key;
    },

    async open(key) {
      const handle = await open(pathOf(key), "r");
      return handle.createReadStream();
    },

    async remove(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    },
  };
}
