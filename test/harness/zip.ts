import { deflateRawSync } from "node:zlib";

// Hand-built ZIP archives for tests: honest ones, and bombs whose entries inflate far beyond
// their compressed size (optionally with central-directory sizes that lie).

export interface ZipEntrySpec {
  name: string;
  /** Raw deflate data and the size it inflates to. */
  deflated: Buffer;
  size: number;
  /** What the headers claim the entry inflates to (defaults to the truth). */
  declaredSize?: number;
  /** Point this entry at an earlier entry's local data (an overlapping bomb). */
  sameDataAs?: string;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const declared = e.declaredSize ?? e.size;
    let at = offsets.get(e.sameDataAs ?? "");
    if (at === undefined) {
      const local = Buffer.concat([
        u32(0x04034b50),
        u16(20),
        u16(0),
        u16(8),
        u16(0),
        u16(0),
        u32(0),
        u32(e.deflated.length),
        u32(declared),
        u16(name.length),
        u16(0),
        name,
        e.deflated,
      ]);
      at = offset;
      locals.push(local);
      offset += local.length;
    }
    offsets.set(e.name, at);
    central.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(20),
        u16(20),
        u16(0),
        u16(8),
        u16(0),
        u16(0),
        u32(0),
        u32(e.deflated.length),
        u32(declared),
        u16(name.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(at),
        name,
      ]),
    );
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, cd, eocd]);
}

export function deflated(text: string): { deflated: Buffer; size: number } {
  const bytes = Buffer.from(text, "utf8");
  return { deflated: deflateRawSync(bytes), size: bytes.length };
}

/** A worksheet of `megabytes` MB of identical rows, deflated: about 1 KB per MB, so 150 MB of
 * sheet XML fits in ≈ 150 KB. */
export function bombSheet(megabytes: number): { deflated: Buffer; size: number } {
  const row = '<row><c t="s"><v>0</v></c></row>';
  const chunk = Buffer.from(row.repeat(Math.ceil(1_048_576 / row.length)));
  const head = Buffer.from("<worksheet><sheetData>");
  const parts = [head];
  for (let i = 0; i < megabytes; i++) parts.push(chunk);
  const whole = Buffer.concat(parts);
  return { deflated: deflateRawSync(whole, { level: 9 }), size: whole.length };
}
