// Per-domain rows of the authorization matrix. A domain adds its routes as a CaseList in its own file
// here and one line below; authz-matrix.test.ts runs them all and checks every route has a row.
import { CALCULATOR_CASES } from "./calculator.js";
import type { CaseList } from "./case.js";
import { certificateCases } from "./certificates.js";
import { claimCases } from "./claims.js";
import { evaluationCases } from "./evaluation.js";
import { FUNDS_CASES } from "./funds.js";
import { hrAgencyCases } from "./hr-agencies.js";
import { PORTAL_CASES } from "./portal.js";
import { registryCases } from "./registry.js";
import { reportCases } from "./reports.js";
import { SERVICES_CASES } from "./services.js";

export const DOMAIN_CASES: CaseList[] = [
  CALCULATOR_CASES,
  certificateCases,
  claimCases,
  evaluationCases,
  FUNDS_CASES,
  hrAgencyCases,
  PORTAL_CASES,
  registryCases,
  reportCases,
  SERVICES_CASES,
];
