import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** What the rules need to know about a certificate: whose it is and who issued it. */
export interface CertificateSubject {
  holderUserId: string | null;
  issuerOrgId: string;
}

const atIssuer = (actor: Actor, c: CertificateSubject) =>
  actor.roles.some((g) => (g.role === "officer" || g.role === "leader") && g.orgId === c.issuerOrgId);

// The holder reads and prints their own certificates; the talent office reads every one and
// revokes; a department reads (and its leader revokes) those its approval issued. Anyone checks a
// number on the portal, which answers a masked name only.
export const certificatesPolicy = definePolicy("certificates", {
  readOwn: (actor) => hasRole(actor, "talent"),
  list: (actor) => hasAnyRole(actor, ["talent_office", "officer", "leader"]),
  read: (actor, c?: CertificateSubject) =>
    c === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader", "talent"])
      : hasRole(actor, "talent_office") ||
        atIssuer(actor, c) ||
        (c.holderUserId !== null && c.holderUserId === actor.userId),
  revoke: (actor, c?: CertificateSubject) =>
    c === undefined
      ? hasAnyRole(actor, ["talent_office", "leader"])
      : hasRole(actor, "talent_office") || hasRole(actor, "leader", c.issuerOrgId),
});
