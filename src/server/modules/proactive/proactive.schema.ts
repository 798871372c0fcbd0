import { Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";

export const RunStatus = StringEnum(["queued", "running", "done", "failed"] as const);
export const OfferStatus = StringEnum(["offered", "accepted", "declined"] as const);

export const StartRunBody = Type.Object(
  { itemCode: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });
export const ListQuery = Type.Object({ ...PageQuery });
export const DeclineBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const RunView = Type.Object({
  id: Type.String(),
  item: Type.Object({
    code: Type.String(),
    name: Type.String(),
    version: Type.Integer(),
    versionId: Type.String(),
  }),
  ruleSha256: Type.String(),
  asOf: Type.String(),
  snapshotAt: Type.String(),
  status: RunStatus,
  total: Type.Integer(),
  processed: Type.Integer(),
  eligible: Type.Integer(),
  unknown: Type.Integer(),
  offered: Type.Integer(),
  error: Nullable(Type.String()),
  startedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

export const RunResultView = Type.Object({
  talentId: Type.String(),
  name: Type.String({ description: "masked, e.g. 张*" }),
  hasAccount: Type.Boolean(),
  offer: Nullable(Type.Object({ id: Type.String(), status: OfferStatus })),
});

export const OfferView = Type.Object({
  id: Type.String(),
  runId: Type.String(),
  item: Type.Object({ code: Type.String(), name: Type.String(), versionId: Type.String() }),
  status: OfferStatus,
  applicationId: Nullable(Type.String()),
  declineReason: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});
