// The public article page (server-rendered HTML with view counting) against bare Fastify serving a
// static string of the same size, measured in the same run on loopback with autocannon. Each server
// runs in its own process; rounds alternate so both see the same machine state. Writes
// bench/results/portal.md.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { findFreePort } from "../test/harness/ports.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

// Serves the same number of bytes as the article page, as HTML, with nothing else.
const BARE = `
import Fastify from "fastify";
const body = "x".repeat(Number(process.env.BODY_BYTES));
const app = Fastify();
app.get("/", async (_request, reply) => reply.header("content-type", "text/html; charset=utf-8").send(body));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
`;

interface Run {
  rps: number;
  p50: number;
  p99: number;
}

async function run(url: string, connections = CONNECTIONS): Promise<Run> {
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    headers: { "user-agent": "rencai-bench" },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const work = mkdtempSync(join(tmpdir(), "rencai-bench-portal-"));
  const children: ChildProcess[] = [];
  try {
    const appPort = await findFreePort();
    const app = spawn(process.execPath, ["dist/server/main.js", "serve"], {
      env: {
        ...process.env,
        PORT: String(appPort),
        DATA_DIR: work,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
        JOBS_MODE: "off",
      },
      stdio: "ignore",
    });
    children.push(app);
    const base = `http://127.0.0.1:${appPort}`;
    await waitFor(`${base}/api/health`, app);

    // The seed policy: the first (pinned) article of 人才政策.
    const column = await (await fetch(`${base}/portal/columns/talent-policy`)).text();
    const path = /<ul class="list"><li><a href="(\/portal\/articles\/[0-9A-Z]+)">/.exec(column)?.[1];
    if (!path) throw new Error("no article on the 人才政策 page");
    const articleUrl = `${base}${path}`;
    const bytes = Buffer.byteLength(await (await fetch(articleUrl)).text());

    const barePort = await findFreePort();
    const barePath = join(process.cwd(), "bench", ".tmp");
    mkdirSync(barePath, { recursive: true });
    writeFileSync(join(barePath, "bare-html.mjs"), BARE);
    const bare = spawn(process.execPath, [join(barePath, "bare-html.mjs")], {
      env: { ...process.env, PORT: String(barePort), BODY_BYTES: String(bytes) },
      stdio: "ignore",
    });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    await waitFor(bareUrl, bare);

    await run(bareUrl); // warm-up
    await run(articleUrl);
    const bareRuns: Run[] = [];
    const appRuns: Run[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bareRuns.push(await run(bareUrl));
      appRuns.push(await run(articleUrl));
      console.log(
        `round ${i + 1}: bare ${Math.round(bareRuns[i]!.rps)} req/s, article ${Math.round(appRuns[i]!.rps)} req/s`,
      );
    }
    // One connection: the time a single reader waits for the page (loopback, so mostly server time).
    const single = await run(articleUrl, 1);
    const ratio = median(appRuns.map((r) => r.rps)) / median(bareRuns.map((r) => r.rps));
    const report = [
      "# Portal: article page vs bare Fastify",
      "",
      `ratio: ${ratio.toFixed(2)} (GET /portal/articles/:id / bare Fastify GET / of a same-size static string, req/s, median of ${ROUNDS})`,
      "",
      `The page is the seed policy (${bytes} bytes of HTML: header, breadcrumb, the whole text and its parsed`,
      "structure of 23 measures with their units), rendered on every request from the database, with the",
      "visit counted (one upsert per request: a visitor is counted once an hour, so under this load all but",
      "the first are no-op upserts, still a write statement each).",
      "",
      `Goal: served in < 20 ms at the server — one reader on one connection waits ${single.p50} ms (p50),`,
      `${single.p99} ms (p99), ${Math.round(single.rps)} req/s; ${single.p50 < 20 ? "met" : "NOT met"}.`,
      "",
      "| round | bare Fastify req/s | article req/s | article p50 ms | article p99 ms |",
      "|---|---|---|---|---|",
      ...bareRuns.map(
        (b, i) =>
          `| ${i + 1} | ${Math.round(b.rps)} | ${Math.round(appRuns[i]!.rps)} | ${appRuns[i]!.p50} | ${appRuns[i]!.p99} |`,
      ),
      "",
      `Setup: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback, rounds alternating, one warm-up run each.`,
      "Each server runs in its own Node.js process on the same machine as autocannon; rencai uses the embedded",
      `SQLite database with the demo data and its default log level (${process.env.BENCH_LOG_LEVEL ?? "info"}: one line per request),`,
      "helmet's headers and the route guard. The bare server sends the same number of bytes with no headers",
      "beyond Fastify's own.",
      `Machine: ${process.platform} ${process.arch}, Node ${process.version}, measured ${new Date().toISOString()}.`,
      "",
    ].join("\n");
    mkdirSync(join(process.cwd(), "bench", "results"), { recursive: true });
    writeFileSync(join(process.cwd(), "bench", "results", "portal.md"), report);
    console.log(report);
  } finally {
    for (const c of children) c.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
