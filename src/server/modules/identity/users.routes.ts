import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import type { RoleGrant } from "../../lib/authz.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import { CreateUserBody, ListUsersQuery, SetRolesBody, UserRow } from "./users.schema.js";

const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
const tags = ["users"];

export function userRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/users",
      {
        config: { policy: "users.list" },
        schema: {
          tags,
          summary: "List accounts / 用户列表",
          querystring: ListUsersQuery,
          response: {
            200: PageOf(UserRow),
          },
        },
      },
      async (request) => services.users.list(opOf(request), request.query),
    );

    app.post(
      "/api/users",
      {
        config: { policy: "users.create" },
        schema: {
          tags,
          summary: "Create an account / 创建用户",
          body: CreateUserBody,
          // null for security-admin and auditor accounts: their holder sets the password by a link.
          response: {
            201: Type.Object({ user: UserRow, initialPassword: Type.Union([Type.String(), Type.Null()]) }),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.users.create(opOf(request), request.body)),
    );

    app.put(
      "/api/users/:id/roles",
      {
        config: { policy: "users.setRoles" },
        schema: {
          tags,
          summary: "Set roles / 设置角色",
          params: IdParams,
          body: SetRolesBody,
          response: { 200: UserRow },
        },
      },
      async (request) =>
        services.users.setRoles(opOf(request), request.params.id, request.body.roles as RoleGrant[]),
    );

    app.post(
      "/api/users/:id/disable",
      {
        config: { policy: "users.setStatus" },
        schema: { tags, summary: "Disable / 停用", params: IdParams, response: { 200: UserRow } },
      },
      async (request) => services.users.setStatus(opOf(request), request.params.id, "disabled"),
    );

    app.post(
      "/api/users/:id/enable",
      {
        config: { policy: "users.setStatus" },
        schema: { tags, summary: "Enable / 启用", params: IdParams, response: { 200: UserRow } },
      },
      async (request) => services.users.setStatus(opOf(request), request.params.id, "active"),
    );

    app.post(
      "/api/users/:id/reset-password",
      {
        config: { policy: "users.resetPassword" },
        schema: {
          tags,
          summary: "Reset password / 重置密码",
          params: IdParams,
          // Never a password: a one-time link goes to the account holder.
          response: {
            200: Type.Object({
              delivered: Type.Literal("email"),
              to: Type.String(),
              expiresAt: Type.String(),
            }),
          },
        },
      },
      async (request) => services.users.resetPassword(opOf(request), request.params.id),
    );

    app.post(
      "/api/users/:id/mfa/reset",
      {
        config: { policy: "users.resetMfa" },
        schema: {
          tags,
          summary: "Switch off a user's two-factor authentication (lost phone) / 重置两步验证",
          params: IdParams,
          response: { 200: UserRow },
        },
      },
      async (request) => services.users.resetMfa(opOf(request), request.params.id),
    );

    app.post(
      "/api/users/:id/unlock",
      {
        config: { policy: "users.unlock" },
        schema: { tags, summary: "Unlock / 解锁", params: IdParams, response: { 200: UserRow } },
      },
      async (request) => services.users.unlock(opOf(request), request.params.id),
    );
  };
}
