import type { FastifyInstance } from "fastify";
import { homeContracts } from "../../../contracts/home.js";
import { mount } from "../../http/mount.js";
import type { HomeService } from "./home.service.js";

export function homeRoutes(home: HomeService) {
  return async (app: FastifyInstance) =>
    mount(app, homeContracts, {
      "GET /api/home/office": async ({ op }) => home.office(op),
    });
}
