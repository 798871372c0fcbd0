import type { FastifyInstance } from "fastify";
import { orgContracts } from "../../../contracts/orgs.js";
import { mount } from "../../http/mount.js";
import type { OrgService } from "./orgs.service.js";

export function orgRoutes(orgs: OrgService) {
  return async (app: FastifyInstance) =>
    mount(app, orgContracts, {
      "GET /api/orgs": async ({ op }) => ({ items: await orgs.list(op) }),
      "POST /api/orgs": async ({ op, body }) => orgs.create(op, body),
      "PATCH /api/orgs/:id": async ({ op, params, body }) => orgs.update(op, params.id, body),
    });
}
