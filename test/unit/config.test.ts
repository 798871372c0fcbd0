// Issue 12 item 2: production mode refuses demo data, the public demo keys and a missing PUBLIC_ORIGIN.
import { describe, expect, it } from "vitest";
import { ConfigError, demoKey, loadConfig } from "../../src/server/config.js";

const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");
const prod = {
  NODE_ENV: "production",
  PUBLIC_ORIGIN: "https://rencai.example.gov.cn",
  DATA_KEY: key(1),
  BLIND_INDEX_KEY: key(2),
  AUDIT_KEY: key(3),
};

describe("production configuration", () => {
  it("starts with its own keys and an origin, without demo data", () => {
    const config = loadConfig(prod, "/tmp");
    expect(config.production).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it("refuses SEED_DEMO=true with a clear message", () => {
    expect(() => loadConfig({ ...prod, SEED_DEMO: "true" }, "/tmp")).toThrow(ConfigError);
    expect(() => loadConfig({ ...prod, SEED_DEMO: "true" }, "/tmp")).toThrow(/admin bootstrap/);
    expect(loadConfig({ ...prod, SEED_DEMO: "false" }, "/tmp").seedDemo).toBe(false);
  });

  it("refuses to start without PUBLIC_ORIGIN", () => {
    const { PUBLIC_ORIGIN: _, ...rest } = prod;
    expect(() => loadConfig(rest, "/tmp")).toThrow(/PUBLIC_ORIGIN is required in production/);
  });

  it("refuses a key equal to the public demo derivation, under either name", () => {
    for (const name of ["DATA_KEY", "BLIND_INDEX_KEY", "AUDIT_KEY"] as const)
      for (const demo of ["DATA_KEY", "BLIND_INDEX_KEY", "AUDIT_KEY"])
        expect(() => loadConfig({ ...prod, [name]: demoKey(demo).toString("base64") }, "/tmp")).toThrow(
          /public demo key/,
        );
  });

  it("outside production keeps the demo working: demo keys, demo data, no origin needed", () => {
    const dev = loadConfig({}, "/tmp");
    expect(dev.production).toBe(false);
    expect(dev.seedDemo).toBe(true);
    expect(dev.dataKey.equals(demoKey("DATA_KEY"))).toBe(true);
    expect(dev.apiRateLimitPerMinute).toBe(1200);
  });
});
