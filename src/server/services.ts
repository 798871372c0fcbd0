import { join } from "node:path";
import type { Config } from "./config.js";
import type { Deps } from "./lib/context.js";
import { makeFieldCipher } from "./lib/crypto.js";
import { applicationMaterials } from "./modules/applications/application-materials.js";
import { makeApplicationService } from "./modules/applications/applications.service.js";
import { combineHooks } from "./modules/applications/hooks.js";
import { makeAssessmentService } from "./modules/assessment/assessment.service.js";
import { makeAuditService } from "./modules/audit/audit.service.js";
import { makeAuditChain } from "./modules/audit/chain.js";
import { makeCalculatorService } from "./modules/calculator/calculator.service.js";
import { makeCatalogueService } from "./modules/catalogue/catalogue.service.js";
import { makeHolidayService } from "./modules/catalogue/holidays.service.js";
import { makeCertificateService } from "./modules/certificates/certificates.service.js";
import { makeClauseReportService } from "./modules/clause-report/clause-report.service.js";
import { makeEvaluationService } from "./modules/evaluation/evaluation.service.js";
import { makeBlobStore } from "./modules/files/blob-store.js";
import { makeFileService } from "./modules/files/files.service.js";
import { makeBatchService } from "./modules/funds/batches.service.js";
import { makeFundsService } from "./modules/funds/funds.service.js";
import { makeFundsApplicationHooks } from "./modules/funds/hooks.js";
import { registryPayee, registryPayeeHolds, repointEntitlements } from "./modules/funds/registry-payee.js";
import { makeHomeService } from "./modules/home/home.service.js";
import { makeHrAgencyService } from "./modules/hr-agencies/hr-agencies.service.js";
import { makeAuthService } from "./modules/identity/auth.service.js";
import { makeLockout } from "./modules/identity/lockout.js";
import { makeMfaService } from "./modules/identity/mfa.service.js";
import { makePasswordResetService } from "./modules/identity/password-reset.js";
import { makeSessionCache, makeSessionResolver } from "./modules/identity/session.service.js";
import { makeUserService } from "./modules/identity/users.service.js";
import { makeNotificationService } from "./modules/notifications/notifications.service.js";
import { makeFakeSmsGateway, noSmsGateway } from "./modules/notifications/sms-gateway.js";
import { makeOrgService } from "./modules/orgs/orgs.service.js";
import { makePolicyService } from "./modules/policy/policy.service.js";
import { articleAttachments } from "./modules/portal/attachments.js";
import { makePortalService } from "./modules/portal/portal.service.js";
import { makeRegistrationService } from "./modules/portal/register.service.js";
import { makeProactiveService } from "./modules/proactive/proactive.service.js";
import { makePublicityService } from "./modules/publicity/publicity.service.js";
import { makeApplicantFactsProvider } from "./modules/registry/applicant-facts.js";
import { claimAttachments, makeClaimService } from "./modules/registry/claims.service.js";
import { makeProfileProvider } from "./modules/registry/profile.js";
import { makeRecognitionApplicationHooks } from "./modules/registry/recognition-hooks.js";
import { makeRegistryRegistrationHooks } from "./modules/registry/registration-hooks.js";
import { makeRegistryService } from "./modules/registry/registry.service.js";
import { makeSettingsService } from "./modules/settings/settings.service.js";
import { makeSupervisionService } from "./modules/supervision/supervision.service.js";
import { reportAttachments } from "./modules/tasks/report-attachments.js";
import { makeReportService } from "./modules/tasks/reports.service.js";
import { makeTaskService } from "./modules/tasks/tasks.service.js";

/** Where links in e-mails and SMS point (production always has PUBLIC_ORIGIN). */
const baseUrlOf = (config: Partial<Pick<Config, "publicOrigin" | "port">>) =>
  config.publicOrigin ?? `http://localhost:${config.port ?? 8080}`;

/** Wires the services once per process; each gets only the dependencies it uses. */
export function buildServices(
  deps: Deps,
  config: Pick<Config, "dataDir" | "dataKey" | "blindIndexKey" | "auditKey" | "auditHash"> &
    Partial<Pick<Config, "publicOrigin" | "port" | "smsGateway">>,
) {
  const audit = makeAuditService(deps, {
    chain: makeAuditChain(config.auditKey, config.auditHash),
    dataDir: config.dataDir,
  });
  const store = makeBlobStore(join(config.dataDir, "files"));
  const files = makeFileService(deps, audit.writeAudit, {
    store,
    // Every table that attaches files: what is in none of them a day after upload is garbage.
    kinds: [articleAttachments, reportAttachments, applicationMaterials, claimAttachments],
  });
  const settings = makeSettingsService(deps, audit.writeAudit);
  const sessionCache = makeSessionCache();
  const policy = makePolicyService(deps, audit.writeAudit);
  // One cipher for every encrypted personal-data field (registry, bank accounts in payment files).
  const cipher = makeFieldCipher(config.dataKey, config.blindIndexKey);
  const funds = makeFundsService(deps, audit.writeAudit, {
    cipher,
    payeeOf: registryPayee,
    payeeHolds: registryPayeeHolds,
  });
  // Wrong passwords and wrong second-factor codes count towards one lockout.
  const recordFailure = makeLockout(deps, audit.writeAudit, settings);
  const catalogue = makeCatalogueService(deps, audit.writeAudit);
  const holidays = makeHolidayService(deps, audit.writeAudit);
  const publicity = makePublicityService(deps, audit.writeAudit);
  const profiles = makeProfileProvider(deps);
  const sms = config.smsGateway === "none" ? noSmsGateway : makeFakeSmsGateway();
  // What an approval means for money: entitlements reserved in the approval's own transaction.
  // What it means for the registry: a recognition's tier, title or skill grade written at once.
  const applicationHooks = combineHooks(
    makeFundsApplicationHooks(funds, deps.clock),
    makeRecognitionApplicationHooks(deps, audit.writeAudit, cipher),
  );
  const applications = makeApplicationService(deps, audit.writeAudit, {
    hooks: applicationHooks,
    catalogue,
    calendar: holidays.calendarOf,
    checkAttachable: files.checkAttachable,
    cipher,
    facts: makeApplicantFactsProvider(deps, cipher),
    publicity,
    profiles,
  });
  const auth = makeAuthService(deps, audit.writeAudit, settings, sessionCache, recordFailure);
  return {
    audit,
    settings,
    auth,
    // TOTP secrets are sealed with the same field cipher as personal data.
    mfa: makeMfaService(deps, audit.writeAudit, { cipher, settings, sessions: sessionCache, recordFailure }),
    resolveSession: makeSessionResolver(deps, settings.security, sessionCache),
    users: makeUserService(deps, audit.writeAudit, sessionCache, { baseUrl: baseUrlOf(config) }),
    passwordReset: makePasswordResetService(deps, audit.writeAudit, settings, sessionCache),
    orgs: makeOrgService(deps, audit.writeAudit),
    home: makeHomeService(deps),
    certificates: makeCertificateService(deps, audit.writeAudit),
    hrAgencies: makeHrAgencyService(deps, audit.writeAudit),
    clauseReport: makeClauseReportService(deps),
    evaluation: makeEvaluationService(deps, audit.writeAudit, { publicity }),
    notifications: makeNotificationService(deps, audit.writeAudit),
    policy,
    tasks: makeTaskService(deps, audit.writeAudit),
    files,
    // A bank-account change needs the password again and waits for the office's confirmation;
    // confirmed, the talent's open entitlements pay the new account.
    registry: makeRegistryService(deps, audit.writeAudit, cipher, {
      reauthenticate: auth.reauthenticate,
      onBankAccountConfirmed: repointEntitlements(cipher),
    }),
    sms,
    // Portal accounts claim registry records only with proof (an SMS code or the office's approval).
    claims: makeClaimService(deps, audit.writeAudit, { cipher, sms, checkAttachable: files.checkAttachable }),
    reports: makeReportService(deps, audit.writeAudit, files.checkAttachable),
    supervision: makeSupervisionService(deps, audit.writeAudit),
    assessment: makeAssessmentService(deps, audit.writeAudit),
    funds,
    fundBatches: makeBatchService(deps, audit.writeAudit, funds, cipher, registryPayeeHolds),
    publicity,
    portal: makePortalService(deps, audit.writeAudit, {
      checkAttachable: files.checkAttachable,
      policy,
      store,
    }),
    // Registrants get a registry record (or are linked to the one the talent office made).
    registration: makeRegistrationService(
      deps,
      audit.writeAudit,
      settings,
      makeRegistryRegistrationHooks(deps, audit.writeAudit, cipher),
    ),
    catalogue,
    holidays,
    applications,
    calculator: makeCalculatorService(deps, audit.writeAudit, {
      catalogue,
      profiles,
    }),
    proactive: makeProactiveService(deps, audit.writeAudit, {
      catalogue,
      hooks: applicationHooks,
      profiles,
      submitDraft: applications.submitWithin,
    }),
  };
}
export type Services = ReturnType<typeof buildServices>;
