import type { Deps } from "./lib/context.js";
import { makeAssessmentService } from "./modules/assessment/assessment.service.js";
import { makeAuditService } from "./modules/audit/audit.service.js";
import { makeAuthService } from "./modules/identity/auth.service.js";
import { makeSessionCache, makeSessionResolver } from "./modules/identity/session.service.js";
import { makeUserService } from "./modules/identity/users.service.js";
import { makeNotificationService } from "./modules/notifications/notifications.service.js";
import { makeOrgService } from "./modules/orgs/orgs.service.js";
import { makePolicyService } from "./modules/policy/policy.service.js";
import { makeSettingsService } from "./modules/settings/settings.service.js";
import { makeSupervisionService } from "./modules/supervision/supervision.service.js";
import { makeReportService } from "./modules/tasks/reports.service.js";
import { makeTaskService } from "./modules/tasks/tasks.service.js";

/** Wires the services once per process; each gets only the dependencies it uses. */
export function buildServices(deps: Deps) {
  const audit = makeAuditService(deps);
  const settings = makeSettingsService(deps, audit.writeAudit);
  const sessionCache = makeSessionCache();
  return {
    audit,
    settings,
    auth: makeAuthService(deps, audit.writeAudit, settings, sessionCache),
    resolveSession: makeSessionResolver(deps, settings.security, sessionCache),
    users: makeUserService(deps, audit.writeAudit, sessionCache),
    orgs: makeOrgService(deps, audit.writeAudit),
    notifications: makeNotificationService(deps, audit.writeAudit),
    policy: makePolicyService(deps, audit.writeAudit),
    tasks: makeTaskService(deps, audit.writeAudit),
    reports: makeReportService(deps, audit.writeAudit),
    supervision: makeSupervisionService(deps, audit.writeAudit),
    assessment: makeAssessmentService(deps, audit.writeAudit),
  };
}
export type Services = ReturnType<typeof buildServices>;
