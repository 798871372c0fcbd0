// Endpoints of the policy documents and the accountability system (docs/api/policy.md). Kept out of
// endpoints.ts so that only the lazily loaded pages that use them download them.
import { api, download, type RequestOptions, seg, uploadRaw } from "./client";
import type {
  Adjustment,
  Alias,
  AssessmentResult,
  DocumentDetail,
  DocumentSummary,
  ImportResult,
  IndicatorKey,
  Light,
  Page,
  ParsedPolicy,
  Report,
  ReportPeriod,
  ReportStatus,
  Scheme,
  StoredFile,
  SupervisionOrder,
  Task,
  TaskEvent,
  TaskStats,
  TaskStatus,
  TaskSummary,
} from "./types";

export interface UploadInput {
  filename: string;
  contentBase64: string;
}

export const policyApi = {
  /** Parse without storing; errors are shown by the caller. */
  parse: (body: UploadInput) => api.post<ParsedPolicy>("/policy/parse", body, { quiet: true }),
  importDocument: (body: UploadInput & { reportPeriod?: ReportPeriod }) =>
    api.post<ImportResult>("/policy/documents", body, { quiet: true }),
  list: (cursor: string | null, limit = 50, opts?: RequestOptions) =>
    api.get<Page<DocumentSummary>>("/policy/documents", { ...opts, query: { cursor, limit } }),
  get: (id: string, opts?: RequestOptions) => api.get<DocumentDetail>(`/policy/documents/${seg(id)}`, opts),
  update: (id: string, reportPeriod: ReportPeriod) =>
    api.patch<DocumentSummary>(`/policy/documents/${seg(id)}`, { reportPeriod }),
  aliases: () => api.get<{ items: Alias[] }>("/policy/aliases"),
  addAlias: (alias: string, canonicalName: string) =>
    api.post<Alias>("/policy/aliases", { alias, canonicalName }, { quiet: true }),
  removeAlias: (id: string) => api.delete<void>(`/policy/aliases/${seg(id)}`),
};

export interface TaskQuery {
  documentId?: string;
  orgId?: string;
  role?: "lead" | "responsible";
  light?: Light;
  status?: TaskStatus;
  cursor?: string | null;
  limit?: number;
}

export const taskApi = {
  list: (query: TaskQuery, opts?: RequestOptions) =>
    api.get<Page<TaskSummary>>("/tasks", { ...opts, query: { ...query } }),
  stats: () => api.get<TaskStats>("/tasks/stats"),
  get: (id: string, opts?: RequestOptions) => api.get<Task>(`/tasks/${seg(id)}`, opts),
  setReportPeriod: (id: string, reportPeriod: ReportPeriod | null) =>
    api.patch<Task>(`/tasks/${seg(id)}`, { reportPeriod }),
  setDue: (id: string, due: string) => api.patch<Task>(`/tasks/${seg(id)}`, { due }),
  events: (id: string, cursor: string | null, limit = 20) =>
    api.get<Page<TaskEvent>>(`/tasks/${seg(id)}/events`, { query: { cursor, limit } }),
  addMilestone: (id: string, body: { title: string; dueDate: string; weight?: number }) =>
    api.post<Task>(`/tasks/${seg(id)}/milestones`, body, { quiet: true }),
  updateMilestone: (
    id: string,
    milestoneId: string,
    body: { title?: string; dueDate?: string; weight?: number; done?: boolean },
    opts?: RequestOptions,
  ) => api.patch<Task>(`/tasks/${seg(id)}/milestones/${seg(milestoneId)}`, body, opts),
  removeMilestone: (id: string, milestoneId: string) =>
    api.delete<Task>(`/tasks/${seg(id)}/milestones/${seg(milestoneId)}`),
};

export interface ReportQuery {
  status?: ReportStatus;
  taskId?: string;
  cursor?: string | null;
  limit?: number;
}

export const reportApi = {
  forTask: (taskId: string) => api.get<{ items: Report[] }>(`/tasks/${seg(taskId)}/reports`),
  /** My units' reports (all for the talent office): a leader's sign-off queue. */
  list: (query: ReportQuery, opts?: RequestOptions) =>
    api.get<Page<Report>>("/reports", { ...opts, query: { ...query } }),
  submit: (
    taskId: string,
    body: { periodKey: string; text: string; orgId?: string; attachmentIds?: string[] },
  ) => api.post<Report>(`/tasks/${seg(taskId)}/reports`, body, { quiet: true }),
  /** `attachmentIds` replaces the list; leave it out to keep the attachments. */
  revise: (taskId: string, reportId: string, body: { text: string; attachmentIds?: string[] }) =>
    api.patch<Report>(`/tasks/${seg(taskId)}/reports/${seg(reportId)}`, body, { quiet: true }),
  approve: (taskId: string, reportId: string, comment?: string) =>
    api.post<Report>(`/tasks/${seg(taskId)}/reports/${seg(reportId)}/approve`, comment ? { comment } : {}, {
      quiet: true,
    }),
  returnForCorrection: (taskId: string, reportId: string, comment: string) =>
    api.post<Report>(`/tasks/${seg(taskId)}/reports/${seg(reportId)}/return`, { comment }, { quiet: true }),
};

export interface OrderQuery {
  status?: "open" | "answered";
  taskId?: string;
  cursor?: string | null;
  limit?: number;
}

export const supervisionApi = {
  list: (query: OrderQuery, opts?: RequestOptions) =>
    api.get<Page<SupervisionOrder>>("/supervision", { ...opts, query: { ...query } }),
  forTask: (taskId: string) => api.get<{ items: SupervisionOrder[] }>(`/tasks/${seg(taskId)}/supervision`),
  issue: (taskId: string, body: { orgId: string; content: string; dueDate: string }) =>
    api.post<SupervisionOrder>(`/tasks/${seg(taskId)}/supervision`, body, { quiet: true }),
  respond: (id: string, response: string) =>
    api.post<SupervisionOrder>(`/supervision/${seg(id)}/respond`, { response }, { quiet: true }),
};

export const assessmentApi = {
  results: (year: number, opts?: RequestOptions) => api.get<AssessmentResult>(`/assessment/${year}`, opts),
  scheme: (year: number) => api.get<Scheme>(`/assessment/${year}/scheme`),
  setScheme: (
    year: number,
    body: {
      indicators: { key: IndicatorKey; weight: number }[];
      reportGraceDays: number;
      shares: { lead: number; responsible: number };
    },
  ) => api.put<Scheme>(`/assessment/${year}/scheme`, body, { quiet: true }),
  addAdjustment: (year: number, body: { orgId: string; points: number; reason: string }) =>
    api.post<Adjustment>(`/assessment/${year}/adjustments`, body, { quiet: true }),
  removeAdjustment: (year: number, id: string) =>
    api.delete<void>(`/assessment/${year}/adjustments/${seg(id)}`),
  exportXlsx: (year: number) => download(`/assessment/${year}/export`, `assessment-${year}.xlsx`),
};

/** Attachments: PDF, JPEG, PNG, DOCX, XLSX up to 20 MB, recognised by content. */
export const ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx";
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export const fileApi = {
  /** Errors are shown by the caller (the upload list marks the file). */
  upload: (file: Blob, filename: string) =>
    uploadRaw<StoredFile>("/files", file, { query: { filename }, quiet: true }),
  download: (id: string, filename: string) => download(`/files/${seg(id)}`, filename),
};
