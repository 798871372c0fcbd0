// Launches a headless Chromium for the browser tests: the distribution's /usr/bin/chromium when it is
// installed, otherwise the Chromium bundled in the @sparticuz/chromium npm package, so a machine with
// nothing but node_modules can still run them.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";
import { type Browser, chromium } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // Containers often give /dev/shm only 64 MB, which crashes renderers; /tmp has room.
  "--disable-dev-shm-usage",
];

type Env = Record<string, string>;

export interface ChromiumInstall {
  source: "system" | "sparticuz";
  executablePath: string;
  /** Set only when Chromium needs more than our own environment (bundled libraries or fonts). */
  env?: Env;
}

const run = promisify(execFile);
const decompressBrotli = promisify(brotliDecompress);

function definedEnv(): Env {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Shared libraries the dynamic loader cannot find for `executable`, according to ldd. */
async function missingSharedLibraries(executable: string, env: Env): Promise<string[]> {
  const { stdout } = await run("ldd", [executable], { env });
  return [...stdout.matchAll(/^\s*(\S+) => not found/gm)].map((match) => match[1]!);
}

function sparticuzBinDir(): string {
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  return join(dirname(entry), "..", "..", "bin");
}

/** Unpacks the NSS, NSPR and expat libraries @sparticuz/chromium ships for Amazon Linux into the
 * folder the package itself would use, and returns their directory. */
async function unpackBundledLibraries(): Promise<string> {
  const target = join(tmpdir(), "al2023");
  const libDir = join(target, "lib");
  if (existsSync(join(libDir, "libnss3.so"))) return libDir;
  const archive = await decompressBrotli(await readFile(join(sparticuzBinDir(), "al2023.tar.br")));
  const tarFile = join(tmpdir(), `al2023-${process.pid}.tar`);
  await mkdir(target, { recursive: true });
  try {
    await writeFile(tarFile, archive);
    await run("tar", ["-xf", tarFile, "-C", target]);
  } finally {
    await rm(tarFile, { force: true });
  }
  return libDir;
}

async function sparticuzChromium(): Promise<ChromiumInstall> {
  const { default: Sparticuz } = await import("@sparticuz/chromium");
  // Unpacks chromium, its fonts and SwiftShader into the temp folder once; later calls reuse them.
  const executablePath = await Sparticuz.executablePath();
  const env = definedEnv();
  let needsEnv = false;

  // Debian and Ubuntu without a browser installed lack libnss3 and libnspr4; the package bundles them.
  if ((await missingSharedLibraries(executablePath, env)).length > 0) {
    env.LD_LIBRARY_PATH = [await unpackBundledLibraries(), env.LD_LIBRARY_PATH].filter(Boolean).join(":");
    needsEnv = true;
    const stillMissing = await missingSharedLibraries(executablePath, env);
    if (stillMissing.length > 0) {
      throw new Error(
        `Chromium from @sparticuz/chromium (${executablePath}) cannot load ${stillMissing.join(", ")}; ` +
          "install the distribution's chromium package instead.",
      );
    }
  }
  // Without a system fontconfig setup, point Chromium at the fonts the package unpacked.
  if (!existsSync("/etc/fonts/fonts.conf") && env.FONTCONFIG_PATH === undefined) {
    env.FONTCONFIG_PATH = join(tmpdir(), "fonts");
    needsEnv = true;
  }
  return needsEnv ? { source: "sparticuz", executablePath, env } : { source: "sparticuz", executablePath };
}

/** RENCAI_E2E_CHROMIUM=bundled skips the system browser, to prove a bare machine can run the tests. */
export async function findChromium(): Promise<ChromiumInstall> {
  const preferBundled = process.env.RENCAI_E2E_CHROMIUM === "bundled";
  if (!preferBundled && existsSync(SYSTEM_CHROMIUM))
    return { source: "system", executablePath: SYSTEM_CHROMIUM };
  return sparticuzChromium();
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, env } = await findChromium();
  return chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS, ...(env ? { env } : {}) });
}
