import type { FastifyInstance } from "fastify";
import { hrAgencyContracts } from "../../../contracts/hr-agencies.js";
import { mount } from "../../http/mount.js";
import type { HrAgencyService } from "./hr-agencies.service.js";

export function hrAgencyRoutes(agencies: HrAgencyService) {
  return async (app: FastifyInstance) =>
    mount(app, hrAgencyContracts, {
      "GET /api/hr-agencies": async ({ op, query }) => agencies.list(op, query),
      "POST /api/hr-agencies": async ({ op, body }) => agencies.create(op, body),
      "GET /api/hr-agencies/mine": async ({ op }) => agencies.mine(op),
      "GET /api/hr-agencies/:id": async ({ op, params }) => agencies.get(op, params.id),
      "PATCH /api/hr-agencies/:id": async ({ op, params, body }) => agencies.update(op, params.id, body),
      "PUT /api/hr-agencies/:id/reports/:year": async ({ op, params, body }) =>
        agencies.putReport(op, params.id, params.year, body),
      "POST /api/hr-agencies/:id/reports/:year/review": async ({ op, params, body }) =>
        agencies.reviewReport(op, params.id, params.year, body),
      "POST /api/hr-agencies/:id/contracts": async ({ op, params, body }) =>
        agencies.createContract(op, params.id, body),
      "PATCH /api/hr-agencies/contracts/:id": async ({ op, params, body }) =>
        agencies.updateContract(op, params.id, body),
    });
}
