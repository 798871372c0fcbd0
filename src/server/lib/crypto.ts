import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

// Personal data at rest: AES-256-GCM with a fresh 96-bit nonce per value, and HMAC-SHA256 blind
// indexes so an encrypted value can still be found and kept unique by exact match. The keys come
// from configuration (DATA_KEY, BLIND_INDEX_KEY) and never reach the database.
//
// Stored form: "v1." + base64url(nonce ‖ ciphertext ‖ tag). The field name is bound in as
// additional data, so a phone's ciphertext pasted into the ID-number column does not decrypt.

const VERSION = "v1.";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  encrypt(field: string, plain: string): string;
  decrypt(field: string, stored: string): string;
  /** Deterministic keyed hash of a normalised value: equal values, equal index; hex, 64 chars. */
  blindIndex(field: string, normalised: string): string;
}

/** Nonces come from the CSPRNG 1,024 at a time: one randomBytes call per value costs as much as
 * the encryption itself when a bulk import seals hundreds of thousands of values. */
const NONCE_POOL = 1024;

export function makeFieldCipher(dataKey: Buffer, blindIndexKey: Buffer): FieldCipher {
  if (dataKey.length !== 32 || blindIndexKey.length !== 32) throw new Error("keys must be 32 bytes");
  let pool = Buffer.alloc(0);
  let used = 0;
  const nextNonce = (): Buffer => {
    if (used >= pool.length) {
      pool = randomBytes(NONCE_BYTES * NONCE_POOL);
      used = 0;
    }
    const nonce = pool.subarray(used, used + NONCE_BYTES);
    used += NONCE_BYTES;
    return nonce;
  };
  return {
    encrypt(field, plain) {
      const nonce = nextNonce();
      const cipher = createCipheriv("aes-256-gcm", dataKey, nonce);
      cipher.setAAD(Buffer.from(field, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
    },
    decrypt(field, stored) {
      if (!stored.startsWith(VERSION)) throw new Error("unknown ciphertext version");
      const bytes = Buffer.from(stored.slice(VERSION.length), "base64url");
      if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error("ciphertext too short");
      const decipher = createDecipheriv("aes-256-gcm", dataKey, bytes.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(field, "utf8"));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
    blindIndex(field, normalised) {
      return createHmac("sha256", blindIndexKey).update(`${field}\u0000${normalised}`).digest("hex");
    },
  };
}
