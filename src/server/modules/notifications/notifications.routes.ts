import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";

const tags = ["notifications"];
const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export function notificationRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/notifications",
      {
        config: { policy: "notifications.read" },
        schema: {
          tags,
          summary: "My inbox / 我的消息",
          querystring: Type.Object(
            {
              cursor: Type.Optional(Type.String({ maxLength: 200 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(Notification),
              unread: Type.Integer(),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => services.notifications.list(opOf(request), request.query),
    );

    app.post(
      "/api/notifications/:id/read",
      {
        config: { policy: "notifications.read" },
        schema: {
          tags,
          summary: "Mark read / 标记已读",
          params: Type.Object(
            { id: Type.String({ minLength: 1, maxLength: 40 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        await services.notifications.markRead(opOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      "/api/notifications/read-all",
      { config: { policy: "notifications.read" }, schema: { tags, summary: "Mark all read / 全部已读" } },
      async (request, reply) => {
        await services.notifications.markAllRead(opOf(request));
        return reply.code(204).send();
      },
    );
  };
}
