import { type Static, Type } from "@sinclair/typebox";
import { Nullable, StringEnum } from "../../lib/schema.js";

export const ORG_KINDS = ["party_gov", "employer", "agency", "individuals"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

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
