// Layer rules (docs/ARCHITECTURE.md): imports run downward only. `npm run lint` runs this check;
// violations recorded in .dependency-cruiser-known-violations.json (the baseline, measured when the
// check was introduced) are reported but do not fail, any new one does. Shrink the baseline, never grow it:
// `npx depcruise src --config .dependency-cruiser.cjs --output-type baseline > .dependency-cruiser-known-violations.json`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles make layers meaningless and modules impossible to load alone.",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "contracts-are-leaves",
      severity: "error",
      comment: "src/contracts is shared by server and web: TypeBox and other contracts only.",
      from: { path: "^src/contracts/" },
      to: { path: "^src/(server|web)/" },
    },
    {
      name: "web-not-server",
      severity: "error",
      comment: "The web app reaches the server over HTTP only (call() with a contract key).",
      from: { path: "^src/web/" },
      to: { path: "^src/server/" },
    },
    {
      name: "web-contracts-types-only",
      severity: "error",
      comment:
        "The web imports contract schemas as types only, so no TypeBox reaches the bundle; run-time values live in *.values.ts.",
      from: { path: "^src/web/" },
      to: { path: "^src/contracts/", pathNot: "\\.values\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "engine-is-pure",
      severity: "error",
      comment: "engine/ holds pure logic: no database, HTTP, jobs or domain modules.",
      from: { path: "^src/server/engine/" },
      to: {
        path: "^src/server/(modules|db|http|jobs|demo|cli)/|^src/server/(app|services|runtime|main)\\.ts$",
      },
    },
    {
      name: "lib-is-below-domains",
      severity: "error",
      comment: "lib/ helpers serve every layer and know no domain.",
      from: { path: "^src/server/lib/" },
      to: {
        path: "^src/server/(modules|http|jobs|demo|cli|engine)/|^src/server/(app|services|runtime|main)\\.ts$",
      },
    },
    {
      name: "db-is-below-domains",
      severity: "error",
      comment: "db/ is the connection, migrations and table types; demo data lives in demo/.",
      from: { path: "^src/server/db/" },
      to: { path: "^src/server/(modules|http|jobs|demo|cli)/|^src/server/(app|services|runtime|main)\\.ts$" },
    },
    {
      name: "http-knows-no-domain",
      severity: "error",
      comment: "http/ knows Fastify (guard, mount, problem+json), not the domains.",
      from: { path: "^src/server/http/" },
      to: { path: "^src/server/(modules|jobs|demo|cli)/|^src/server/(app|services|runtime|main)\\.ts$" },
    },
    {
      name: "modules-not-composition",
      severity: "error",
      comment:
        "Modules receive their dependencies; only the composition root (services.ts, app.ts) sees them all.",
      from: { path: "^src/server/modules/" },
      to: { path: "^src/server/(demo|cli)/|^src/server/(app|services|runtime|main)\\.ts$" },
    },
    {
      name: "no-foreign-repo",
      severity: "error",
      comment: "A module talks to another through a port it owns, never by importing the other's repo.",
      from: { path: "^src/server/modules/([^/]+)/" },
      to: { path: "^src/server/modules/([^/]+)/.*\\.repo\\.ts$", pathNot: "^src/server/modules/$1/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
    exclude: { path: "node_modules" },
  },
};
