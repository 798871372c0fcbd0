import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { REPORT_PERIODS } from "../tasks/calendar.js";

/** Uploads are capped at 2 MiB of file content; base64 makes that 4/3 as many characters. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;
export const MAX_POLICY_BASE64 = Math.ceil(MAX_POLICY_BYTES / 3) * 4;

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
export const ReportPeriodName = StringEnum(REPORT_PERIODS);

export const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });
export type UnitRef = Static<typeof UnitRef>;

export const ParseWarning = Type.Object({ line: Type.Integer(), message: Bilingual });

/** The parser's result as JSON: the CLI's --json output and the preview endpoint's answer. */
export const ParsedPolicyJson = Type.Object(
  {
    title: Type.String(),
    issuer: Nullable(Type.String()),
    date: Nullable(Type.String()),
    sections: Type.Array(
      Type.Object({
        no: Type.Integer(),
        title: Type.String(),
        measures: Type.Array(
          Type.Object({
            no: Type.Integer(),
            title: Type.String(),
            text: Type.String(),
            lead: Type.Array(Type.String()),
            responsible: Type.Array(Type.String()),
            due: Nullable(Type.String()),
          }),
        ),
      }),
    ),
    warnings: Type.Array(ParseWarning),
  },
  { $id: "ParsedPolicy" },
);
export type ParsedPolicyJson = Static<typeof ParsedPolicyJson>;

export const UploadBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: MAX_POLICY_BASE64 }),
    reportPeriod: Type.Optional(ReportPeriodName),
  },
  { additionalProperties: false },
);
export type UploadBody = Static<typeof UploadBody>;

export const PreviewBody = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: MAX_POLICY_BASE64 }),
  },
  { additionalProperties: false },
);

export const DocumentSummary = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    issuer: Nullable(Type.String()),
    date: Nullable(Type.String()),
    filename: Type.String(),
    sha256: Type.String(),
    reportPeriod: ReportPeriodName,
    sectionCount: Type.Integer(),
    measureCount: Type.Integer(),
    warningCount: Type.Integer(),
    importedAt: Type.String(),
    importedBy: Nullable(UnitRef),
  },
  { $id: "PolicyDocumentSummary" },
);
export type DocumentSummary = Static<typeof DocumentSummary>;

export const MeasureView = Type.Object(
  {
    id: Type.String(),
    documentId: Type.String(),
    sectionId: Type.String(),
    no: Type.Integer(),
    label: Type.String(),
    title: Type.String(),
    text: Type.String(),
    due: Nullable(Type.String()),
    /** Unit names exactly as the document writes them. */
    leadNames: Type.Array(Type.String()),
    responsibleNames: Type.Array(Type.String()),
    /** The organisations those names resolved to (aliases merged). */
    lead: Type.Array(UnitRef),
    responsible: Type.Array(UnitRef),
    groupUnits: Type.Array(Type.String()),
    taskId: Nullable(Type.String()),
  },
  { $id: "PolicyMeasure" },
);
export type MeasureView = Static<typeof MeasureView>;

export const DocumentDetail = Type.Object({
  document: DocumentSummary,
  warnings: Type.Array(ParseWarning),
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      no: Type.Integer(),
      title: Type.String(),
      measures: Type.Array(MeasureView),
    }),
  ),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

export const MeasureDetail = Type.Object({
  measure: MeasureView,
  document: Type.Object({ id: Type.String(), title: Type.String() }),
  section: Type.Object({ id: Type.String(), no: Type.Integer(), title: Type.String() }),
});
export type MeasureDetail = Static<typeof MeasureDetail>;

export const ImportResult = Type.Object({
  document: DocumentSummary,
  tasks: Type.Integer(),
  createdOrganisations: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
  ),
  groupUnits: Type.Array(Type.String()),
  warnings: Type.Array(ParseWarning),
});
export type ImportResult = Static<typeof ImportResult>;

export const UpdateDocumentBody = Type.Object(
  { reportPeriod: ReportPeriodName },
  { additionalProperties: false },
);

export const ListDocumentsQuery = Type.Object(PageQuery, { additionalProperties: false });

export const Alias = Type.Object(
  {
    id: Type.String(),
    alias: Type.String(),
    canonicalName: Type.String(),
    /** The organisation the canonical name currently resolves to; null until one exists. */
    organisation: Nullable(UnitRef),
    createdAt: Type.String(),
  },
  { $id: "OrgAlias" },
);
export type Alias = Static<typeof Alias>;

export const CreateAliasBody = Type.Object(
  {
    alias: Type.String({ minLength: 2, maxLength: 100 }),
    canonicalName: Type.String({ minLength: 2, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CreateAliasBody = Static<typeof CreateAliasBody>;

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
