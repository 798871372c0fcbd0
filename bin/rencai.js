#!/usr/bin/env node
// `npx rencai …`: runs the compiled CLI (npm run build makes it).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/server/main.js", import.meta.url));
if (!existsSync(entry)) {
  console.error("rencai is not built yet: run `npm run build` first (or use `npm run cli -- …`).");
  process.exit(1);
}
await import(entry);
