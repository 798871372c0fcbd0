import { call } from "./call";
import { api, type RequestOptions, seg } from "./client";
import type {
  AuditRetention,
  AuditRow,
  LoginResponse,
  Me,
  MfaEnrolment,
  MfaStatus,
  NewOrg,
  NotificationPage,
  OrgInput,
  Page,
  PasswordPolicy,
  RoleInput,
  SecuritySettings,
  UserRow,
  VerifyResult,
} from "./types";

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResponse>("/auth/login", { username, password }, { quiet: true }),
  logout: () => api.post<void>("/auth/logout", undefined, { quiet: true }),
  redeemResetLink: (token: string, newPassword: string) =>
    api.post<void>("/auth/password-reset", { token, newPassword }, { quiet: true }),
  me: () => api.get<Me>("/auth/me", { quiet: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ csrfToken: string }>("/auth/password", { currentPassword, newPassword }, { quiet: true }),
  passwordPolicy: () => api.get<PasswordPolicy>("/auth/password-policy", { quiet: true }),
  /** The second login step on the pending session the password step left. */
  loginMfa: (body: { code: string } | { recoveryCode: string }) =>
    api.post<LoginResponse>("/auth/login/mfa", body, { quiet: true }),
};

/** Two-factor authentication of the signed-in user's own account. */
export const mfaApi = {
  status: () => api.get<MfaStatus>("/auth/mfa"),
  enrol: () => api.post<MfaEnrolment>("/auth/mfa/enrol"),
  confirm: (code: string) =>
    api.post<{ recoveryCodes: string[] }>("/auth/mfa/enrol/confirm", { code }, { quiet: true }),
  disable: (password: string, code: string) =>
    api.post<void>("/auth/mfa/disable", { password, code }, { quiet: true }),
  regenerate: (code: string) =>
    api.post<{ recoveryCodes: string[] }>("/auth/mfa/recovery-codes", { code }, { quiet: true }),
};

export const orgApi = {
  list: () => call("GET /api/orgs", {}),
  create: (body: NewOrg) => call("POST /api/orgs", { body }, { quiet: true }),
  update: (id: string, body: OrgInput) =>
    call("PATCH /api/orgs/:id", { params: { id }, body }, { quiet: true }),
};

export interface UserQuery {
  q?: string;
  orgId?: string;
  status?: string;
  cursor?: string | null;
  limit?: number;
}

export const userApi = {
  list: (query: UserQuery) => api.get<Page<UserRow>>("/users", { query: { ...query } }),
  create: (body: {
    username: string;
    displayName: string;
    orgId: string;
    email?: string;
    roles: RoleInput[];
  }) => api.post<{ user: UserRow; initialPassword: string | null }>("/users", body, { quiet: true }),
  setRoles: (id: string, roles: RoleInput[]) =>
    api.put<UserRow>(`/users/${seg(id)}/roles`, { roles }, { quiet: true }),
  disable: (id: string) => api.post<UserRow>(`/users/${seg(id)}/disable`),
  enable: (id: string) => api.post<UserRow>(`/users/${seg(id)}/enable`),
  resetPassword: (id: string) =>
    api.post<{ delivered: "email"; to: string; expiresAt: string }>(`/users/${seg(id)}/reset-password`),
  unlock: (id: string) => api.post<UserRow>(`/users/${seg(id)}/unlock`),
  /** Lost phone: the custodian switches the user's two-factor authentication off. */
  resetMfa: (id: string) => api.post<UserRow>(`/users/${seg(id)}/mfa/reset`),
};

export interface AuditQuery {
  cursor?: string | null;
  limit?: number;
  action?: string;
  actor?: string;
  result?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (query: AuditQuery) => api.get<Page<AuditRow>>("/audit", { query: { ...query } }),
  verify: () => api.post<VerifyResult>("/audit/verify"),
  retention: () => api.get<AuditRetention>("/audit/retention"),
  setRetention: (days: number) => api.put<AuditRetention>("/audit/retention", { days }),
};

export const settingsApi = {
  getSecurity: () => api.get<SecuritySettings>("/settings/security"),
  putSecurity: (body: SecuritySettings) =>
    api.put<SecuritySettings>("/settings/security", body, { quiet: true }),
};

export const notificationApi = {
  list: (cursor: string | null, limit = 20, opts?: RequestOptions) =>
    api.get<NotificationPage>("/notifications", { ...opts, query: { cursor, limit } }),
  markRead: (id: string) => api.post<void>(`/notifications/${seg(id)}/read`),
  markAllRead: () => api.post<void>("/notifications/read-all"),
};
