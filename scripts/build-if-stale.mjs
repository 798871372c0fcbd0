// `npm start` builds only when a source changed since the last build: the newest file under the
// inputs is compared with the stamp the last successful build left in dist/.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const inputs = [
  "src",
  "portal-web",
  "index.html",
  "vite.config.ts",
  "tsconfig.json",
  "tsconfig.build.json",
  "tsconfig.web.json",
  "package-lock.json",
];
const stamp = "dist/.build-stamp";

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map(newest));
if (changed > built || !existsSync("dist/server/main.js")) {
  console.log(built ? "sources changed since the last build: building" : "first start: building");
  execSync("npm run build", { stdio: "inherit" });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  console.log("build is up to date (dist/); edit a source file or run `npm run build` to rebuild");
}
