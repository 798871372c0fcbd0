import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";
import { CreateOrgBody, Org, UpdateOrgBody } from "./orgs.schema.js";

const tags = ["organisations"];

export function orgRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/orgs",
      {
        config: { policy: "orgs.read" },
        schema: {
          tags,
          summary: "Organisation tree / 机构列表",
          response: { 200: Type.Object({ items: Type.Array(Org) }) },
        },
      },
      async (request) => ({ items: await services.orgs.list(opOf(request)) }),
    );

    app.post(
      "/api/orgs",
      {
        config: { policy: "orgs.create" },
        schema: { tags, summary: "Create / 新建机构", body: CreateOrgBody, response: { 201: Org } },
      },
      async (request, reply) => reply.code(201).send(await services.orgs.create(opOf(request), request.body)),
    );

    app.patch(
      "/api/orgs/:id",
      {
        config: { policy: "orgs.update" },
        schema: {
          tags,
          summary: "Update / 修改机构",
          params: Type.Object(
            { id: Type.String({ minLength: 1, maxLength: 40 }) },
            { additionalProperties: false },
          ),
          body: UpdateOrgBody,
          response: { 200: Org },
        },
      },
      async (request) => services.orgs.update(opOf(request), request.params.id, request.body),
    );
  };
}
