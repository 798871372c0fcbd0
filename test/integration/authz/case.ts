// The shape of one authorization-matrix row, shared by the per-domain case lists in this folder.
import type { Role } from "../../../src/server/lib/authz.js";
import type { TestApp, TestClient } from "../../harness/app.js";

export interface Case {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  route: string;
  /** Roles that get a 2xx; every other demo role must get 403 and anonymous 401. */
  allowed: readonly Role[] | "everyone" | "public";
  /** When the rule depends on the organisation too: exactly these demo users get a 2xx (e.g. the
   * talent office and 市人社局's staff, not other departments' officers); `allowed` then only decides
   * what an anonymous caller gets. */
  allowedUsers?: readonly string[];
  /** The concrete URL for this actor (default: the route itself). */
  url?: (actor: TestClient) => Promise<string>;
  body?: () => Promise<unknown>;
  headers?: Record<string, string>;
}

/** What a domain's case list may use; the matrix fills it once the app is up. */
export interface MatrixContext {
  app(): TestApp;
  /** A logged-in client of a demo user (office, hrss, hrss_leader, science, finance, employer, talent, …). */
  client(username: string): TestClient;
  /** A fresh number for unique names. */
  next(): number;
}

export type CaseList = (ctx: MatrixContext) => Case[];

export const ADMINISTRATIVE: readonly Role[] = ["sysadmin", "talent_office", "officer", "leader", "auditor"];
export const GOVERNMENT: readonly Role[] = ["talent_office", "officer", "leader"];
