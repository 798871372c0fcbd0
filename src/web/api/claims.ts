// Record claims (issue 12): a portal account proves it owns a registry record before it is linked.
import { api, seg } from "./client";

export interface RegistryClaim {
  id: string;
  kind: "talent" | "employer";
  status: "pending" | "approved" | "rejected";
  recordName: string;
  sms: { available: boolean; phoneMasked: string | null };
  nameMatches: boolean;
  hasLetter: boolean;
  letterFileId: string | null;
  claimant: { id: string; username: string; displayName: string } | null;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const claimApi = {
  mine: () => api.get<RegistryClaim[]>("/registry/claims/mine"),
  sendCode: (id: string) =>
    api.post<{ phoneMasked: string; expiresAt: string }>(`/registry/claims/${seg(id)}/send-code`),
  verify: (id: string, code: string) =>
    api.post<RegistryClaim>(`/registry/claims/${seg(id)}/verify`, { code }, { quiet: true }),
  attachLetter: (id: string, fileId: string) =>
    api.post<RegistryClaim>(`/registry/claims/${seg(id)}/letter`, { fileId }),
  list: (status?: RegistryClaim["status"]) =>
    api.get<RegistryClaim[]>("/registry/claims", { query: { status } }),
  decide: (id: string, decision: "approve" | "reject", note?: string) =>
    api.post<RegistryClaim>(`/registry/claims/${seg(id)}/decision`, { decision, ...(note ? { note } : {}) }),
};
