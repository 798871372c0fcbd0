import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../../config.js";
import { AppError } from "../../lib/errors.js";
import { openRuntime } from "../../runtime.js";
import type { ImportProgress } from "./import.service.js";
import { IMPORT_MODES, type ImportKind, type ImportMode, MAX_IMPORT_BYTES } from "./registry.schema.js";

// `rencai import talents FILE.xlsx` and `rencai import employers FILE.xlsx`, with a progress bar.
// Same checks as the web import; the error report is written next to the file.

const PHASES: Record<ImportProgress["phase"], string> = {
  reading: "读取 reading ",
  checking: "校验 checking",
  writing: "写入 writing ",
};

function parseMode(value: string): ImportMode {
  const mode = value.replace(/-/g, "_");
  if (!(IMPORT_MODES as readonly string[]).includes(mode))
    throw new InvalidArgumentError("use all-or-nothing or valid-rows");
  return mode as ImportMode;
}

async function runImport(kind: ImportKind, file: string, opts: { mode: ImportMode; report?: string }) {
  const size = statSync(file).size;
  if (size > MAX_IMPORT_BYTES)
    throw new AppError("too_large", "IMPORT_TOO_LARGE", {
      zh: `导入文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      en: `Import files may not exceed ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    });
  const bytes = new Uint8Array(readFileSync(file));
  const rt = await openRuntime(loadConfig());
  const bar = new SingleBar(
    { format: "{phase} [{bar}] {value}/{total}", hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let phase: ImportProgress["phase"] | null = null;
  const started = performance.now();
  try {
    const result = await rt.services.registry.imports.run(
      null,
      { kind, mode: opts.mode, filename: basename(file), bytes },
      (p) => {
        if (p.phase !== phase) {
          if (phase !== null) bar.stop();
          phase = p.phase;
          bar.start(p.total, p.done, { phase: PHASES[p.phase] });
        } else bar.update(p.done);
      },
    );
    if (phase !== null) {
      bar.update(phase === "writing" ? result.imported : result.rows);
      bar.stop();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${result.rows} rows: ${result.imported} imported, ${result.rejectedRows} rejected (${result.errorCount} problems) in ${seconds} s`,
    );
    if (opts.mode === "all_or_nothing" && result.errorCount > 0)
      console.log(
        "all-or-nothing: nothing was imported because some rows are bad / 存在错误行，未导入任何数据",
      );
    for (const e of result.errors.slice(0, 20))
      console.log(`  row ${e.row}${e.column ? ` [${e.column}]` : ""}: ${e.message.zh} / ${e.message.en}`);
    if (result.errorReport) {
      const target = opts.report ?? `${file.replace(/\.xlsx$/i, "")}.errors.xlsx`;
      writeFileSync(target, Buffer.from(result.errorReport.contentBase64, "base64"));
      console.log(`error report: ${target}`);
      process.exitCode = 1;
    }
  } finally {
    if (phase !== null) bar.stop();
    await rt.close();
  }
}

export function importCommand(): Command {
  const command = new Command("import").description(
    "import talents or employers from an Excel workbook (.xlsx)",
  );
  for (const kind of ["talents", "employers"] as const) {
    command
      .command(kind)
      .description(`import ${kind} from FILE.xlsx (columns as in the template from the web import page)`)
      .argument("<file>", ".xlsx workbook, first sheet, header in row 1")
      .option(
        "--mode <mode>",
        "all-or-nothing (default) or valid-rows",
        parseMode,
        "all_or_nothing" as ImportMode,
      )
      .option("--report <file>", "where to write the error report (default: FILE.errors.xlsx)")
      .action((file: string, opts: { mode: ImportMode; report?: string }) => runImport(kind, file, opts));
  }
  return command;
}
