import type { Deps } from "./lib/context.js";
import { makeAuditService } from "./modules/audit/audit.service.js";
import { makeAuthService } from "./modules/identity/auth.service.js";
import { makeSessionCache, makeSessionResolver } from "./modules/identity/session.service.js";
import { makeUserService } from "./modules/identity/users.service.js";
import { makeNotificationService } from "./modules/notifications/notifications.service.js";
import { makeOrgService } from "./modules/orgs/orgs.service.js";
import { makeSettingsService } from "./modules/settings/settings.service.js";

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
  };
}
export type Services = ReturnType<typeof buildServices>;
