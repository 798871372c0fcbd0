// Opens publicity notices (公示) and lodges objections for tests, through the publicity service.
import { SYSTEM } from "../../src/server/lib/context.js";
import type { TestApp } from "./app.js";

export async function openNotice(
  t: TestApp,
  ownerOrgId: string,
  options: { days?: number; title?: string; entries?: { name: string; detail: string }[] } = {},
): Promise<string> {
  const { id } = await t.rt.deps.database.db.transaction().execute((trx) =>
    t.rt.services.publicity.open(trx, SYSTEM, {
      ownerOrgId,
      title: options.title ?? "2026年度营口市高层次人才认定结果公示",
      body: "经单位申报、部门审核，拟认定以下人员为高层次人才，现予公示。",
      sourceKind: "test",
      sourceId: "T1",
      days: options.days ?? 7,
      entries: options.entries ?? [
        { name: "王立新", detail: "营口辽海新材料科技有限公司 · C类" },
        { name: "欧阳明月", detail: "营口市新材料产业研究院 · B类" },
      ],
    }),
  );
  return id;
}

/** Lodges an objection as the public and returns its id. */
export async function lodgeObjection(t: TestApp, noticeId: string): Promise<string> {
  const res = await t.anonymous().post(`/api/public/publicity/${noticeId}/objections`, {
    name: "张三",
    contact: "13812345678",
    reason: "申报材料与实际不符。",
  });
  if (res.statusCode !== 201) throw new Error(`lodge failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
