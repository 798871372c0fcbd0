// Certificates: the holder's list, the office's and the issuing department's lists, the printable
// page, revocation and the public number check.
import type { Certificate, CertificateCheck } from "../../../contracts/certificates.js";
import { type Actor, can, hasRole } from "../../lib/authz.js";
import { type Deps, inTransaction, type Op } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { AppError, conflict, notFound } from "../../lib/errors.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { maskName } from "../publicity/mask.js";
import type { CertificateSubject } from "./certificates.policy.js";
import {
  type CertificateRow,
  certificatesOfUser,
  findCertificate,
  findCertificateByNumber,
  listCertificates,
  markRevoked,
} from "./certificates.repo.js";
import { certificatePage } from "./print.js";
import "./certificates.policy.js";

const LABEL = { zh: "证书", en: "certificate" };

const subjectOf = (r: CertificateRow): CertificateSubject => ({
  holderUserId: r.holder_user_id,
  issuerOrgId: r.issuer_org_id,
});

function toCertificate(r: CertificateRow): Certificate {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as Certificate["kind"],
    subject: r.subject,
    holder: { talentId: r.talent_id, name: r.holder_name },
    itemCode: r.item_code,
    itemName: r.item_name,
    applicationId: r.application_id,
    applicationNumber: r.application_number,
    issuedOn: r.issued_on,
    validTo: r.valid_to,
    issuer: { orgId: r.issuer_org_id, name: r.issuer_name },
    status: r.status as Certificate["status"],
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
  };
}

/** Where a department's officers and leaders read certificates: the organisations of those grants. */
const issuerScope = (actor: Actor): string[] | undefined =>
  hasRole(actor, "talent_office")
    ? undefined
    : actor.roles.filter((g) => g.role === "officer" || g.role === "leader").map((g) => g.orgId);

export function makeCertificateService(deps: Deps, writeAudit: AuditWriter) {
  const db = () => deps.database.db;

  /** Loads one the actor may read; anything else is "not found" (no leak of which numbers exist). */
  async function readable(op: Op, id: string, action = "certificates.read"): Promise<CertificateRow> {
    const row = await findCertificate(db(), id);
    if (!row || !can(op.actor, action, subjectOf(row))) {
      if (row) {
        await db()
          .transaction()
          .execute((trx) =>
            writeAudit(trx, op, {
              action: "certificates.denied",
              objectType: "certificate",
              objectId: id,
              result: "denied",
              detail: { wanted: action },
            }),
          );
      }
      throw notFound(LABEL);
    }
    return row;
  }

  return {
    async mine(op: Op) {
      const rows = await certificatesOfUser(db(), op.actor.userId);
      return { items: rows.map(toCertificate) };
    },

    async list(op: Op, q: { status?: string; talentId?: string; cursor?: string; limit?: number }) {
      const limit = q.limit ?? 50;
      const rows = await listCertificates(db(), {
        issuerOrgIds: issuerScope(op.actor),
        status: q.status,
        talentId: q.talentId,
        before: decodeCursor<string>(q.cursor, "string"),
        limit,
      });
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: page.items.map(toCertificate), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string) {
      return toCertificate(await readable(op, id));
    },

    /** The printable page; printing names the holder in full, so it is audited as a read. */
    async print(op: Op, id: string, lang: "zh" | "en"): Promise<string> {
      const row = await readable(op, id);
      await db()
        .transaction()
        .execute((trx) =>
          writeAudit(trx, op, {
            action: "certificates.printed",
            objectType: "certificate",
            objectId: id,
            detail: { number: row.number },
          }),
        );
      return certificatePage(toCertificate(row), { lang, today: chinaDate(deps.clock.now()) });
    },

    async revoke(op: Op, id: string, reason: string) {
      const row = await readable(op, id, "certificates.revoke");
      const text = reason.trim();
      if (text.length < 2) {
        throw new AppError("unprocessable", "CERTIFICATE_REASON_REQUIRED", {
          zh: "撤销证书须写明理由",
          en: "A reason is required to revoke a certificate",
        });
      }
      const now = deps.clock.now();
      await inTransaction(deps, async (trx) => {
        const done = await markRevoked(trx, id, {
          userId: op.actor.userId,
          at: now.toISOString(),
          reason: text,
        });
        if (!done) {
          throw conflict("CERTIFICATE_ALREADY_REVOKED", {
            zh: `证书${row.number}已撤销`,
            en: `Certificate ${row.number} is already revoked`,
          });
        }
        await writeAudit(trx, op, {
          action: "certificates.revoked",
          objectType: "certificate",
          objectId: id,
          detail: { number: row.number, reason: text },
        });
        if (row.holder_user_id) {
          await notifyUser(trx, now, row.holder_user_id, {
            kind: "certificate.revoked",
            title: `证书已撤销：${row.subject}`,
            body: `您的证书${row.number}（${row.subject}）已被撤销。理由：${text}`,
            link: "/",
          });
        }
      });
      return toCertificate((await findCertificate(db(), id))!);
    },

    /** The public check: genuine or not, valid, expired or revoked, and a masked name. */
    async check(number: string): Promise<CertificateCheck> {
      const row = await findCertificateByNumber(db(), number.trim().toUpperCase());
      if (!row) {
        throw new AppError("not_found", "CERTIFICATE_NOT_FOUND", {
          zh: "查无此证书编号，请核对后重试",
          en: "No certificate has this number; check it and try again",
        });
      }
      const today = chinaDate(deps.clock.now());
      const status =
        row.status === "revoked"
          ? "revoked"
          : row.valid_to !== null && row.valid_to < today
            ? "expired"
            : "valid";
      return {
        number: row.number,
        kind: row.kind as CertificateCheck["kind"],
        subject: row.subject,
        holderName: maskName(row.holder_name),
        issuedOn: row.issued_on,
        validTo: row.valid_to,
        issuerName: row.issuer_name,
        status,
        revokedOn: row.revoked_at === null ? null : chinaDate(new Date(row.revoked_at)),
      };
    },
  };
}
export type CertificateService = ReturnType<typeof makeCertificateService>;
