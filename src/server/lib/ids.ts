import { randomBytes } from "node:crypto";

// Time-ordered ids (48-bit milliseconds + 80 random bits, Crockford base32, 26 chars) so that
// primary keys sort by creation time on both databases and keyset paging by id is stable.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
let lastTime = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

function incrementRandom(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes);
  for (let i = next.length - 1; i >= 0; i--) {
    const value = next[i]!;
    if (value < 255) {
      next[i] = value + 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function newId(now = Date.now()): string {
  // Monotonic within one millisecond: ids made in the same ms still sort in creation order.
  if (now <= lastTime) {
    lastRandom = incrementRandom(lastRandom);
  } else {
    lastTime = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  const bytes = new Uint8Array(16);
  let t = lastTime;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes.set(lastRandom, 6);
  return encodeBase32(bytes);
}

/** A random secret token (session ids, CSRF tokens, initial passwords' entropy). */
export function randomToken(byteLength = 32): string {
  return randomBytes(byteLength).toString("base64url");
}
