import { type Static, Type } from "@sinclair/typebox";
import { ROLES } from "../../lib/authz.js";
import { StringEnum } from "../../lib/schema.js";

export const RoleName = StringEnum(ROLES);

export const RoleGrantBody = Type.Object(
  { role: RoleName, orgId: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const RoleGrantView = Type.Object({ role: RoleName, orgId: Type.String(), orgName: Type.String() });

export const UserRow = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    org: Type.Object({ id: Type.String(), name: Type.String() }),
    status: Type.Union([Type.Literal("active"), Type.Literal("disabled")]),
    locked: Type.Boolean(),
    roles: Type.Array(RoleGrantView),
    mustChangePassword: Type.Boolean(),
    /** Two-factor authentication is on. */
    mfaEnabled: Type.Boolean(),
    lastLoginAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { $id: "UserRow" },
);
export type UserRow = Static<typeof UserRow>;

export const USERNAME_PATTERN = "^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$";

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    email: Type.Optional(Type.Union([Type.String({ format: "email", maxLength: 200 }), Type.Null()])),
    orgId: Type.String({ minLength: 1, maxLength: 40 }),
    roles: Type.Array(RoleGrantBody, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const SetRolesBody = Type.Object(
  { roles: Type.Array(RoleGrantBody, { maxItems: 20 }) },
  { additionalProperties: false },
);

export const ListUsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    orgId: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("disabled")])),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ListUsersQuery = Static<typeof ListUsersQuery>;
