// What the calculator and 免申即享 read from the service catalogue (services.catalogue, see
// docs/api/services.md): the published items and, per item, its latest published version.

export interface PublishedItem {
  code: string;
  name: string;
  kind: string;
  version: number;
  versionId: string;
  ownerOrg: { id: string; name: string };
  applicants: string[];
  eligibility: unknown | null;
  amountRule: unknown | null;
}

export interface CataloguePort {
  listPublished(): Promise<{ code: string; version: number }[]>;
  getPublished(code: string, version?: number): Promise<PublishedItem | null>;
}
