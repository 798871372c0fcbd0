import type { Deps } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { makeEmployerService } from "./employers.service.js";
import { makeImportService } from "./import.service.js";
import { makeProfileProvider } from "./profile.js";
import { makeRuleSetService } from "./rule-sets.service.js";
import { makeTalentService } from "./talents.service.js";

/** The registry's services: talents, employers, Excel import and the rule-language profiles. */
export function makeRegistryService(deps: Deps, writeAudit: AuditWriter, cipher: FieldCipher) {
  return {
    talents: makeTalentService(deps, writeAudit, cipher),
    employers: makeEmployerService(deps, writeAudit, cipher),
    imports: makeImportService(deps, writeAudit, cipher),
    profiles: makeProfileProvider(deps),
    ruleSets: makeRuleSetService(deps, writeAudit),
  };
}
export type RegistryService = ReturnType<typeof makeRegistryService>;
