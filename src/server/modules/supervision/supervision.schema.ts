import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { UnitRef } from "../policy/policy.schema.js";
import { DateString, LightName } from "../tasks/tasks.schema.js";

export const ORDER_STATUSES = ["open", "answered"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const SupervisionOrder = Type.Object(
  {
    id: Type.String(),
    task: Type.Object({ id: Type.String(), title: Type.String() }),
    org: UnitRef,
    content: Type.String(),
    /** The response deadline, yyyy-mm-dd (China time). */
    dueDate: Type.String(),
    status: StringEnum(ORDER_STATUSES),
    /** Open: by the deadline (yellow within 3 days, red when overdue); answered: red if late. */
    light: LightName,
    late: Type.Boolean(),
    issuedBy: PersonRef,
    issuedAt: Type.String(),
    response: Nullable(Type.String()),
    respondedBy: Nullable(PersonRef),
    respondedAt: Nullable(Type.String()),
    abilities: Type.Object({ respond: Type.Boolean() }),
  },
  { $id: "SupervisionOrder" },
);
export type SupervisionOrder = Static<typeof SupervisionOrder>;

export const IssueOrderBody = Type.Object(
  {
    orgId: Type.String({ minLength: 1, maxLength: 40 }),
    content: Type.String({ minLength: 2, maxLength: 2000 }),
    dueDate: DateString,
  },
  { additionalProperties: false },
);
export type IssueOrderBody = Static<typeof IssueOrderBody>;

export const RespondBody = Type.Object(
  { response: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

export const ListOrdersQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(StringEnum(ORDER_STATUSES)),
    taskId: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type ListOrdersQuery = Static<typeof ListOrdersQuery>;

export const OrderParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
