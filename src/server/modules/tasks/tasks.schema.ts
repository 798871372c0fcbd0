import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { AttachmentIds, AttachmentView } from "../files/files.schema.js";
import { ReportPeriodName, UnitRef } from "../policy/policy.schema.js";
import { LIGHTS, TASK_STATUSES } from "./state.js";

export const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
export const DateString = Type.String({ pattern: DATE_PATTERN, description: "yyyy-mm-dd (China time)" });
export const LightName = StringEnum(LIGHTS);
export const TaskStatusName = StringEnum(TASK_STATUSES);
export const REPORT_STATUSES = ["submitted", "approved", "returned"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const LightReason = Type.Object({
  kind: StringEnum(["milestone", "supervision", "task"] as const),
  id: Type.String(),
  title: Type.String(),
  dueDate: Type.String(),
  light: StringEnum(["yellow", "red"] as const),
});

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

const summaryFields = {
  id: Type.String(),
  title: Type.String(),
  document: Type.Object({ id: Type.String(), title: Type.String() }),
  measure: Type.Object({ id: Type.String(), no: Type.Integer(), label: Type.String() }),
  /** The measure's time limit: yyyy-mm-dd, "长期", the text as written, or null. */
  due: Nullable(Type.String()),
  /** Where the deadline came from: the measure's parsed time limit, or the talent office's decision. */
  dueSource: Nullable(StringEnum(["policy", "office"] as const)),
  status: TaskStatusName,
  /** 0-100: the weighted share of milestones done. */
  progress: Type.Integer(),
  light: LightName,
  lightReasons: Type.Array(LightReason),
  lightUpdatedAt: Type.String(),
  /** The effective period: the task's own setting, else its document's. */
  reportPeriod: ReportPeriodName,
  lead: Type.Array(UnitRef),
  responsible: Type.Array(UnitRef),
  /** Group entries ("各相关部门") the document names, kept as text: they are not organisations. */
  groupUnits: Type.Array(Type.String()),
  milestoneCount: Type.Object({ total: Type.Integer(), done: Type.Integer() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

export const TaskSummary = Type.Object(summaryFields, { $id: "TaskSummary" });
export type TaskSummary = Static<typeof TaskSummary>;

export const Milestone = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    dueDate: Type.String(),
    weight: Type.Integer(),
    done: Type.Boolean(),
    doneAt: Nullable(Type.String()),
    doneBy: Nullable(PersonRef),
    /** Done on or before its due date; null while open. */
    onTime: Nullable(Type.Boolean()),
    /** Open: by its deadline; done: green. */
    light: LightName,
  },
  { $id: "TaskMilestone" },
);
export type Milestone = Static<typeof Milestone>;

export const TaskAbilities = Type.Object({
  update: Type.Boolean(),
  manageMilestones: Type.Boolean(),
  writeReport: Type.Boolean(),
  issueSupervision: Type.Boolean(),
});

export const Task = Type.Object(
  {
    ...summaryFields,
    reportPeriodOverride: Nullable(ReportPeriodName),
    measureText: Type.String(),
    milestones: Type.Array(Milestone),
    abilities: TaskAbilities,
  },
  { $id: "Task" },
);
export type Task = Static<typeof Task>;

export const TaskEvent = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  kind: Type.String(),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const Report = Type.Object(
  {
    id: Type.String(),
    task: Type.Object({ id: Type.String(), title: Type.String() }),
    org: UnitRef,
    periodKey: Type.String(),
    text: Type.String(),
    /** The task's progress when the report was (last) submitted. */
    progress: Type.Integer(),
    status: StringEnum(REPORT_STATUSES),
    author: PersonRef,
    firstSubmittedAt: Type.String(),
    submittedAt: Type.String(),
    reviewer: Nullable(PersonRef),
    reviewedAt: Nullable(Type.String()),
    reviewComment: Nullable(Type.String()),
    /** Files uploaded through /api/files, in the author's order; locked with the report once approved. */
    attachments: Type.Array(AttachmentView),
    abilities: Type.Object({ revise: Type.Boolean(), review: Type.Boolean() }),
  },
  { $id: "TaskReport" },
);
export type Report = Static<typeof Report>;

export const TaskParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export const MilestoneParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40 }),
    milestoneId: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export const ReportParams = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40 }),
    reportId: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);

export const ListTasksQuery = Type.Object(
  {
    ...PageQuery,
    documentId: Type.Optional(Type.String({ maxLength: 40 })),
    orgId: Type.Optional(Type.String({ maxLength: 40 })),
    role: Type.Optional(StringEnum(["lead", "responsible"] as const)),
    light: Type.Optional(LightName),
    status: Type.Optional(TaskStatusName),
  },
  { additionalProperties: false },
);
export type ListTasksQuery = Static<typeof ListTasksQuery>;

export const TaskStats = Type.Object({
  total: Type.Integer(),
  byLight: Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer() }),
  byStatus: Type.Object({
    not_started: Type.Integer(),
    in_progress: Type.Integer(),
    completed: Type.Integer(),
  }),
});

export const UpdateTaskBody = Type.Object(
  {
    /** null: back to the document's period. */
    reportPeriod: Type.Optional(Nullable(ReportPeriodName)),
    /** The talent office's deadline, yyyy-mm-dd (China time); a date that does not exist is 422. */
    due: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

export const CreateMilestoneBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    dueDate: DateString,
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type CreateMilestoneBody = Static<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    dueDate: Type.Optional(DateString),
    weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    done: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMilestoneBody = Static<typeof UpdateMilestoneBody>;

export const CreateReportBody = Type.Object(
  {
    periodKey: Type.String({
      pattern: "^\\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$",
      description: "2026-11 or 2026-Q4",
    }),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    /** Which of the author's units reports; needed only when the author is an officer of several. */
    orgId: Type.Optional(Type.String({ maxLength: 40 })),
    /** Up to 10 files the author uploaded and has not attached elsewhere. */
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const ReviseReportBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    /** The report's attachments from now on; omitted = unchanged. */
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);
export type ReviseReportBody = Static<typeof ReviseReportBody>;

export const ApproveReportBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const ReturnReportBody = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const ListReportsQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(StringEnum(REPORT_STATUSES)),
    taskId: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type ListReportsQuery = Static<typeof ListReportsQuery>;

export const EventsQuery = Type.Object(PageQuery, { additionalProperties: false });
