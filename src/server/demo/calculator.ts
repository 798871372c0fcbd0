import type { ItemContent } from "../modules/catalogue/catalogue.schema.js";
import type { Services } from "../services.js";

// A demo item with an eligibility rule and an amount, so the policy calculator, 免申即享 and the
// budget simulation have something to work on: 博士人才生活补贴 (a doctorate, full-time, at most 45
// years old; 10% of last year's income tax, whole 元, capped at 50,000 元). It runs on the demo 科技创新券
// item's workflow. The demo talent 刘洋 qualifies.

export const DEMO_PROACTIVE_ITEM = "RC-BSSH";
const DOC = "演示政策：博士人才生活补贴实施细则";

export const DEMO_ELIGIBILITY = {
  kind: "eligibility",
  label: { zh: "博士人才生活补贴申领条件", en: "Conditions for the doctoral living allowance" },
  citation: { doc: DOC, article: "第三条" },
  when: {
    all: [
      {
        exists: "educations",
        where: { field: "degree", op: "eq", value: "博士" },
        label: { zh: "具有博士学位", en: "holds a doctorate" },
        citation: { doc: DOC, article: "第三条第一项" },
      },
      {
        field: "fullTime",
        op: "eq",
        value: true,
        label: { zh: "在本市用人单位全职工作", en: "works full-time for an employer in the city" },
        citation: { doc: DOC, article: "第三条第二项" },
      },
      {
        age: "birthDate",
        op: "lte",
        value: 45,
        label: { zh: "年龄不超过 45 周岁", en: "aged 45 or under" },
        citation: { doc: DOC, article: "第三条第三项" },
      },
    ],
  },
};

export const DEMO_AMOUNT = {
  kind: "amount",
  citation: { doc: DOC, article: "第四条" },
  formula: {
    min: [
      {
        roundTo: 100,
        mode: "floor",
        of: { fraction: [1, 10], of: { field: "taxYearly" }, round: "floor" },
      },
      5_000_000,
    ],
  },
};

export async function seedCalculator(services: Services): Promise<void> {
  const base = await services.catalogue.getPublished("RC-KJQD");
  if (!base) return;
  const content: ItemContent = {
    name: "博士人才生活补贴",
    kind: "payment",
    ownerOrgId: base.ownerOrgId,
    legalBasis: `${DOC}第三条、第四条`,
    applicants: ["talent"],
    eligibility: DEMO_ELIGIBILITY,
    amountRule: DEMO_AMOUNT,
    materials: base.materials,
    form: base.form,
    workflow: {
      allowSameApprover: base.workflow.allowSameApprover,
      steps: base.workflow.steps.map(({ orgs: _orgs, ...step }) => step),
    },
    promisedDays: base.promisedDays,
    feeFen: 0,
    guide:
      "符合条件的博士人才可享受生活补贴。平台按人才档案主动比对（免申即享），符合条件的人才确认后即可享受，无需提交申请。",
  };
  const created = await services.catalogue.create(null, { code: DEMO_PROACTIVE_ITEM, content });
  await services.catalogue.publish(null, created.id);
}
