// Helpers for the services domain's tests: a filled-in 高层次人才认定 application and the like.
import type { TestClient } from "./app.js";
import { uploadedId } from "./files.js";

export const RECOGNITION = "RC-GCCRC-RD";

export const recognitionForm = () => ({
  name: "刘洋",
  idNumber: "210804198806151233", // the demo talent's own (seeds/registry.ts)
  mobile: "13800000000",
  employer: "营口辽海新材料科技有限公司",
  category: "C类",
  field: "新材料",
  arrivalDate: "2025-03-01",
  achievements: "主持省级重点研发项目两项，授权发明专利五件，成果转化产值超过一亿元。",
});

let keySerial = 0;
export const idemKey = () => `test-key-${Date.now()}-${++keySerial}`;

/** A draft with the form and every required material (PDFs), ready to submit. */
export async function readyApplication(
  client: TestClient,
  itemCode = RECOGNITION,
  form: object = recognitionForm(),
  extra: { beneficiaryName?: string } = {},
) {
  const created = await client.post("/api/applications", { itemCode, ...extra });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
  const app = created.json();
  const materials = [];
  for (const m of app.materials as { code: string; required: boolean; types: string[] }[]) {
    if (!m.required) continue;
    const name = m.types.includes("pdf") ? `${m.code}.pdf` : `${m.code}.xlsx`;
    materials.push({ code: m.code, fileIds: [await uploadedId(client, name)] });
  }
  const patched = await client.patch(`/api/applications/${app.id}`, { form, materials });
  if (patched.statusCode !== 200) throw new Error(`patch failed: ${patched.statusCode} ${patched.body}`);
  return patched.json() as { id: string; number: string };
}

export function submit(client: TestClient, id: string, key = idemKey()) {
  return client.request("POST", `/api/applications/${id}/submit`, {}, { "idempotency-key": key });
}

export function decide(client: TestClient, id: string, body: Record<string, unknown>) {
  return client.post(`/api/applications/${id}/decisions`, body);
}
