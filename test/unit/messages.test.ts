// Issue 14 item 7: every message reads fully in the user's language — no English status word in a
// Chinese sentence («批次当前状态为「draft」»), no Chinese step in an English one («cannot 导出支付文件»).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BATCH_STATUSES,
  BATCH_STEPS,
  type BatchStep,
  batchStateMessage,
} from "../../src/server/modules/funds/funds.schema.js";

// The web dictionary is typechecked with the web's bundler resolution; load it at run time only.
const webDict = "../../src/web/i18n/dict.ts";
const { dict } = (await import(webDict)) as {
  dict: { zh: Record<string, string>; en: Record<string, string> };
};

const han = /\p{Script=Han}/u;
const latinWord = /[A-Za-z]{2,}/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("bilingual messages", () => {
  it("the batch state refusal names status and step in the reader's language, for every pair", () => {
    const steps = Object.keys(BATCH_STEPS) as BatchStep[];
    expect(BATCH_STATUSES.length * steps.length).toBeGreaterThan(0);
    for (const status of BATCH_STATUSES)
      for (const step of steps) {
        const message = batchStateMessage(status, step);
        expect(message.zh, `${status}/${step}`).not.toMatch(latinWord);
        expect(message.en, `${status}/${step}`).not.toMatch(han);
      }
    // The web shows the same words for the same statuses.
    for (const status of BATCH_STATUSES)
      expect(dict.zh[`funds.batch.${status}`]).toBe(
        batchStateMessage(status, "export").zh.match(/「(.+)」/)?.[1],
      );
  });

  it("no English text written in the server carries Chinese, and no Chinese text interpolates a raw status", () => {
    const files = sources("src/server").filter((f) => !f.includes("/demo/"));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\ben: (`[^`]*`|"[^"]*")/g)) {
        checked++;
        // Interpolations (${…}) are checked where they are built; the literal text must be English.
        const literal = (match[1] ?? "").replace(/\$\{[^}]*\}/g, "");
        if (han.test(literal)) offenders.push(`${file}: en ${match[1]}`);
      }
      for (const match of text.matchAll(/\bzh: `([^`]*)`/g))
        if (/\$\{(status|state|[a-z]*\.status)\}/.test(match[1] ?? ""))
          offenders.push(`${file}: zh ${match[1]}`);
    }
    expect(checked).toBeGreaterThan(200);
    expect(offenders).toEqual([]);
  });

  it("English labels carry no Chinese, except the keys that quote a Chinese name on purpose", () => {
    const quotesChinese = new Set([
      "aliases.intro",
      "aliases.aliasPlaceholder",
      "aliases.canonicalPlaceholder",
      "registry.importIntro",
      "funds.manage.itemHint",
      "funds.manage.measureHint",
    ]);
    const entries = Object.entries(dict.en);
    expect(entries.length).toBeGreaterThan(500);
    const mixed = entries
      .filter(([key, value]) => han.test(value) && !quotesChinese.has(key))
      .map(([k]) => k);
    expect(mixed).toEqual([]);
    // No Chinese label is left as a bare English code word.
    const codes = Object.entries(dict.zh)
      .filter(([key, value]) => /^[a-z_]+$/.test(value) && key !== "app.subtitle")
      .map(([k]) => k);
    expect(codes).toEqual([]);
  });
});
