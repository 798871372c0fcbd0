import { createHash, createHmac, getHashes, timingSafeEqual } from "node:crypto";
import { appendFile, chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

// How audit rows are hashed and how the chain's head is anchored outside the database.
//
// Rows are hashed with HMAC under AUDIT_KEY, which lives in the environment, never in the
// database: someone who can write to the database (or restore an edited backup) cannot recompute
// a valid chain. Rows written before keyed hashing keep their plain SHA-256 ("sha256"); once a keyed
// row exists, an unkeyed row after it is a downgrade and breaks the chain.
//
// An anchor is the head (seq, hash) signed with the same key and written to DATA_DIR/audit: the
// latest in anchor.json (0600, directory 0700), every one appended to anchors.jsonl, and a line in
// the server log. Deleting the newest rows leaves a shorter chain that is valid in itself; verify
// compares it with the last anchor and names the first missing row.

export type AuditAlg = "hmac-sha256" | "hmac-sm3";
export type RowAlg = AuditAlg | "sha256";

export interface AuditChain {
  readonly alg: AuditAlg;
  /** Hex digest of a row's canonical text under the given algorithm. */
  digest(alg: RowAlg, canonical: string): string;
  sign(text: string): string;
}

export function sm3Available(): boolean {
  return getHashes().includes("sm3");
}

export function makeAuditChain(key: Buffer, alg: AuditAlg): AuditChain {
  if (alg === "hmac-sm3" && !sm3Available())
    throw new Error("AUDIT_HASH=hmac-sm3 needs an OpenSSL with SM3 (crypto.getHashes() has no sm3)");
  const hmac = (name: string, text: string) => createHmac(name, key).update(text).digest("hex");
  return {
    alg,
    digest(rowAlg, canonical) {
      if (rowAlg === "sha256") return createHash("sha256").update(canonical).digest("hex");
      return hmac(rowAlg === "hmac-sm3" ? "sm3" : "sha256", canonical);
    },
    sign: (text) => hmac(alg === "hmac-sm3" ? "sm3" : "sha256", `rencai audit anchor\u0000${text}`),
  };
}

export interface Anchor {
  seq: number;
  hash: string;
  at: string;
  alg: AuditAlg;
  signature: string;
}

const anchorText = (a: Omit<Anchor, "signature">) => JSON.stringify([a.seq, a.hash, a.at, a.alg]);

export function signAnchor(chain: AuditChain, a: Omit<Anchor, "signature" | "alg">): Anchor {
  const body = { ...a, alg: chain.alg };
  return { ...body, signature: chain.sign(anchorText(body)) };
}

export function anchorSignatureValid(chain: AuditChain, a: Anchor): boolean {
  if (typeof a.signature !== "string" || !/^[0-9a-f]+$/.test(a.signature)) return false;
  const expected = Buffer.from(chain.sign(anchorText(a)), "hex");
  const given = Buffer.from(a.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const anchorDir = (dataDir: string) => join(dataDir, "audit");

/** Writes the anchor atomically (temp file + rename) with owner-only permissions. */
export async function saveAnchor(dataDir: string, anchor: Anchor): Promise<void> {
  const dir = anchorDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const text = JSON.stringify(anchor);
  const tmp = join(dir, `anchor.json.${process.pid}.tmp`);
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, join(dir, "anchor.json"));
  await appendFile(join(dir, "anchors.jsonl"), `${text}\n`, { mode: 0o600 });
}

/** The last anchor, or null when none was ever written. A file that is not an anchor is returned
 * as is, so that verify reports its signature as wrong rather than ignoring it. */
export async function loadAnchor(dataDir: string): Promise<Anchor | null> {
  let text: string;
  try {
    text = await readFile(join(anchorDir(dataDir), "anchor.json"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    return JSON.parse(text) as Anchor;
  } catch {
    return { seq: 0, hash: "", at: "", alg: "hmac-sha256", signature: "" };
  }
}

/** A purge checkpoint: the chain continues after `throughSeq` from `lastHash` (see audit.repo). */
export interface Checkpoint {
  throughSeq: number;
  lastHash: string;
  cutoff: string;
  at: string;
  alg: string;
  signature: string;
}

const checkpointText = (c: Omit<Checkpoint, "signature">) =>
  JSON.stringify(["checkpoint", c.throughSeq, c.lastHash, c.cutoff, c.at, c.alg]);

export function signCheckpoint(chain: AuditChain, c: Omit<Checkpoint, "signature" | "alg">): Checkpoint {
  const body = { ...c, alg: chain.alg };
  return { ...body, signature: chain.sign(checkpointText(body)) };
}

export function checkpointSignatureValid(chain: AuditChain, c: Checkpoint): boolean {
  if (!/^[0-9a-f]+$/.test(c.signature)) return false;
  const expected = Buffer.from(chain.sign(checkpointText(c)), "hex");
  const given = Buffer.from(c.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
