// The organisation tree: shapes and endpoints.
import { type Static, Type } from "@sinclair/typebox";
import { IdParams, Nullable, StringEnum } from "./common.js";
import { endpoint } from "./endpoint.js";

import { ORG_KINDS } from "./orgs.values.js";

export { ORG_KINDS, type OrgKind } from "./orgs.values.js";

export const Org = Type.Object(
  {
    id: Type.String(),
    parentId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    shortName: Type.Union([Type.String(), Type.Null()]),
    kind: StringEnum(ORG_KINDS),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    uscc: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal("active"), Type.Literal("inactive")]),
    userCount: Type.Integer(),
  },
  { $id: "Org" },
);
export type Org = Static<typeof Org>;

const fields = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  shortName: Nullable(Type.String({ minLength: 1, maxLength: 50 })),
  kind: StringEnum(ORG_KINDS),
  parentId: Nullable(Type.String({ maxLength: 40 })),
  regionCode: Nullable(Type.String({ maxLength: 6 })),
  uscc: Nullable(Type.String({ maxLength: 18 })),
};

export const CreateOrgBody = Type.Object(
  {
    name: fields.name,
    kind: fields.kind,
    shortName: Type.Optional(fields.shortName),
    parentId: Type.Optional(fields.parentId),
    regionCode: Type.Optional(fields.regionCode),
    uscc: Type.Optional(fields.uscc),
  },
  { additionalProperties: false },
);
export type CreateOrgBody = Static<typeof CreateOrgBody>;

export const UpdateOrgBody = Type.Object(
  {
    name: Type.Optional(fields.name),
    kind: Type.Optional(fields.kind),
    shortName: Type.Optional(fields.shortName),
    parentId: Type.Optional(fields.parentId),
    regionCode: Type.Optional(fields.regionCode),
    uscc: Type.Optional(fields.uscc),
    status: Type.Optional(Type.Union([Type.Literal("active"), Type.Literal("inactive")])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrgBody = Static<typeof UpdateOrgBody>;

const tags = ["organisations"];

export const orgContracts = {
  "GET /api/orgs": endpoint({
    permission: "orgs.read",
    summary: "Organisation tree / 机构列表",
    tags,
    response: Type.Object({ items: Type.Array(Org) }),
  }),
  "POST /api/orgs": endpoint({
    permission: "orgs.create",
    summary: "Create / 新建机构",
    tags,
    body: CreateOrgBody,
    status: 201,
    response: Org,
  }),
  "PATCH /api/orgs/:id": endpoint({
    permission: "orgs.update",
    summary: "Update / 修改机构",
    tags,
    params: IdParams,
    body: UpdateOrgBody,
    response: Org,
  }),
};
