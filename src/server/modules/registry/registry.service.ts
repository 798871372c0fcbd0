import type { Deps } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { type BankAccountConfirmedHook, makeBankChanges } from "./bank-changes.service.js";
import { makeEmployerService } from "./employers.service.js";
import { makeImportService } from "./import.service.js";
import { makeProfileProvider } from "./profile.js";
import { makeRuleSetService } from "./rule-sets.service.js";
import { makeTalentService, type Reauthenticate } from "./talents.service.js";

export interface RegistryOptions {
  /** The signed-in user's current password, checked before a bank-account change. */
  reauthenticate: Reauthenticate;
  /** What a confirmed bank-account change means elsewhere (open entitlements follow it). */
  onBankAccountConfirmed?: BankAccountConfirmedHook;
}

/** The registry's services: talents, employers, Excel import, held bank-account changes and the
 * rule-language profiles. */
export function makeRegistryService(
  deps: Deps,
  writeAudit: AuditWriter,
  cipher: FieldCipher,
  options: RegistryOptions,
) {
  const bankChanges = makeBankChanges(deps, writeAudit, {
    cipher,
    ...(options.onBankAccountConfirmed ? { onConfirmed: options.onBankAccountConfirmed } : {}),
  });
  return {
    talents: makeTalentService(deps, writeAudit, cipher, {
      bankChanges,
      reauthenticate: options.reauthenticate,
    }),
    bankChanges,
    employers: makeEmployerService(deps, writeAudit, cipher),
    imports: makeImportService(deps, writeAudit, cipher),
    profiles: makeProfileProvider(deps),
    ruleSets: makeRuleSetService(deps, writeAudit),
  };
}
export type RegistryService = ReturnType<typeof makeRegistryService>;
