import type { FieldCipher } from "../lib/crypto.js";

/** What a data migration may need beyond the database: the field cipher that seals personal data
 * (DATA_KEY / BLIND_INDEX_KEY), given by the server and `rencai migrate`. */
export interface MigrationContext {
  cipher?: FieldCipher;
}
