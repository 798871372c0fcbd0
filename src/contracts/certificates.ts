// Certificates (证书): the numbered paper an approved recognition issues. The holder and the office
// read and print them; anyone checks a number on the portal (the answer masks the holder's name); the
// talent office revokes one with a reason, and a revoked certificate says so wherever it is checked.
import { type Static, Type } from "@sinclair/typebox";
import { IdParams, Nullable, PageOf, PageQuery, StringEnum } from "./common.js";
import { endpoint } from "./endpoint.js";

export const CERTIFICATE_KINDS = ["tier", "title", "skill"] as const;
export const CERTIFICATE_STATUSES = ["valid", "revoked"] as const;

export const Certificate = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: "YKRC-<year>-<sequence>-<4 random characters>" }),
    kind: StringEnum(CERTIFICATE_KINDS),
    subject: Type.String({ description: "What is certified, e.g. B类高层次人才" }),
    holder: Type.Object({ talentId: Type.String(), name: Type.String() }),
    itemCode: Type.String(),
    itemName: Type.String(),
    applicationId: Type.String(),
    applicationNumber: Type.String(),
    issuedOn: Type.String({ description: "yyyy-mm-dd" }),
    validTo: Nullable(Type.String({ description: "yyyy-mm-dd, last valid day" })),
    issuer: Type.Object({ orgId: Type.String(), name: Type.String() }),
    status: StringEnum(CERTIFICATE_STATUSES),
    revokedAt: Nullable(Type.String()),
    revokedReason: Nullable(Type.String()),
  },
  { $id: "Certificate" },
);
export type Certificate = Static<typeof Certificate>;

/** What the portal's check answers: enough to tell a genuine certificate, nothing more. */
export const CertificateCheck = Type.Object(
  {
    number: Type.String(),
    kind: StringEnum(CERTIFICATE_KINDS),
    subject: Type.String(),
    holderName: Type.String({ description: "Masked: 张*三" }),
    issuedOn: Type.String(),
    validTo: Nullable(Type.String()),
    issuerName: Type.String(),
    /** valid, expired (past validTo) or revoked */
    status: StringEnum(["valid", "expired", "revoked"] as const),
    revokedOn: Nullable(Type.String()),
  },
  { $id: "CertificateCheck" },
);
export type CertificateCheck = Static<typeof CertificateCheck>;

export const CertificateListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(CERTIFICATE_STATUSES)),
    talentId: Type.Optional(Type.String({ maxLength: 40 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const RevokeCertificateBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

const tags = ["certificates"] as const;

export const certificateContracts = {
  "GET /api/certificates/mine": endpoint({
    permission: "certificates.readOwn",
    summary: "My certificates / 我的证书",
    tags,
    response: Type.Object({ items: Type.Array(Certificate) }),
  }),
  "GET /api/certificates": endpoint({
    permission: "certificates.list",
    summary: "Issued certificates (the office: all; a department: those it issued) / 已发证书",
    tags,
    query: CertificateListQuery,
    response: PageOf(Certificate),
  }),
  "GET /api/certificates/:id": endpoint({
    permission: "certificates.read",
    summary: "One certificate / 证书详情",
    tags,
    params: IdParams,
    response: Certificate,
  }),
  "GET /api/certificates/:id/print": endpoint({
    permission: "certificates.read",
    summary: "The printable certificate (HTML for the browser's print or save-as-PDF) / 打印证书",
    tags,
    params: IdParams,
  }),
  "POST /api/certificates/:id/revoke": endpoint({
    permission: "certificates.revoke",
    summary: "Revoke a certificate with a reason / 撤销证书",
    tags,
    params: IdParams,
    body: RevokeCertificateBody,
    response: Certificate,
  }),
  "GET /api/public/certificates/:number": endpoint({
    permission: "public",
    summary: "Check a certificate number (public) / 证书查验",
    tags,
    params: Type.Object(
      { number: Type.String({ minLength: 4, maxLength: 40 }) },
      { additionalProperties: false },
    ),
    response: CertificateCheck,
  }),
};
