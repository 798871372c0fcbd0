// The talent office's editor of one service item (事项): basic facts, who may apply, materials, the
// application form (JSON schema with a live preview), the workflow steps, time limit and fee. Saving
// writes the draft; publishing makes it the next version (applications keep the version they began on).
import { CloudUploadOutlined, MinusCircleOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { type ApiError, isApiError } from "../../api/client";
import { pointerToName } from "../../api/forms";
import { policyApi } from "../../api/policy";
import {
  APPLICANT_KINDS,
  type ApplicantKind,
  type CatalogueItem,
  catalogueApi,
  FILE_TYPES,
  ITEM_KINDS,
  type ItemContent,
  type ItemKind,
  type ManagedItem,
  type Material,
  STEP_ACTIONS,
  type WorkflowStep,
} from "../../api/services";
import type { Lang } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { parseSchemaText, SchemaEditor } from "../../components/SchemaEditor";
import { pick, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useOrgs } from "../../lib/useOrgs";
import "./services.css";

interface Values {
  code: string;
  name: string;
  kind: ItemKind;
  ownerOrgId: string;
  legalBasis: string;
  measureIds: string[];
  applicants: ApplicantKind[];
  eligibility: string;
  amountRule: string;
  materials: Material[];
  form: string;
  steps: WorkflowStep[];
  allowSameApprover: boolean;
  promisedDays: number;
  feeYuan: number;
  guide: string;
}

const EMPTY_FORM = `{
  "type": "object",
  "properties": {
    "name": { "type": "string", "title": "姓名", "maxLength": 50 }
  },
  "required": ["name"],
  "additionalProperties": false
}`;

const FIELDS = [
  "code",
  "name",
  "kind",
  "ownerOrgId",
  "legalBasis",
  "measureIds",
  "applicants",
  "eligibility",
  "amountRule",
  "materials",
  "form",
  "workflow",
  "promisedDays",
  "feeFen",
  "guide",
];

function toValues(code: string, c: ItemContent, measureIds: string[]): Values {
  return {
    code,
    name: c.name,
    kind: c.kind,
    ownerOrgId: c.ownerOrgId,
    legalBasis: c.legalBasis,
    measureIds,
    applicants: c.applicants,
    eligibility: c.eligibility == null ? "" : JSON.stringify(c.eligibility, null, 2),
    amountRule: c.amountRule == null ? "" : JSON.stringify(c.amountRule, null, 2),
    materials: c.materials,
    form: JSON.stringify(c.form, null, 2),
    steps: c.workflow.steps,
    allowSameApprover: c.workflow.allowSameApprover,
    promisedDays: c.promisedDays,
    feeYuan: c.feeFen / 100,
    guide: c.guide,
  };
}

/** The editable content of a published version (its presentation-only fields dropped). */
function contentOf(v: CatalogueItem): ItemContent {
  return {
    name: v.name,
    kind: v.kind,
    ownerOrgId: v.ownerOrgId,
    legalBasis: v.legalBasis,
    applicants: v.applicants,
    eligibility: v.eligibility,
    amountRule: v.amountRule,
    materials: v.materials,
    form: v.form,
    workflow: {
      steps: v.workflow.steps.map(({ orgs: _orgs, ...step }) => step),
      allowSameApprover: v.workflow.allowSameApprover,
    },
    promisedDays: v.promisedDays,
    feeFen: v.feeFen,
    guide: v.guide,
  };
}

function parseJsonOrNull(text: string | undefined): unknown | null {
  const s = (text ?? "").trim();
  return s ? JSON.parse(s) : null;
}

function toContent(v: Values): ItemContent {
  const parsed = parseSchemaText(v.form);
  if (!parsed.schema) throw new Error("form");
  return {
    name: v.name.trim(),
    kind: v.kind,
    ownerOrgId: v.ownerOrgId,
    legalBasis: v.legalBasis?.trim() ?? "",
    applicants: v.applicants ?? [],
    eligibility: parseJsonOrNull(v.eligibility),
    amountRule: parseJsonOrNull(v.amountRule),
    materials: (v.materials ?? []).map((m) => ({
      code: m.code.trim(),
      name: m.name.trim(),
      required: !!m.required,
      types: m.types ?? [],
      ...(m.note?.trim() ? { note: m.note.trim() } : {}),
    })),
    form: parsed.schema,
    workflow: {
      steps: (v.steps ?? []).map((s) => ({
        key: s.key.trim(),
        name: s.name.trim(),
        kind: s.kind,
        orgIds: s.orgIds ?? [],
        role: s.role,
        days: s.days,
        actions: s.actions?.includes("approve") ? s.actions : ["approve", ...(s.actions ?? [])],
        ...(s.kind === "publicity" ? { publicityDays: s.publicityDays ?? 5 } : {}),
      })),
      allowSameApprover: !!v.allowSameApprover,
    },
    promisedDays: v.promisedDays,
    feeFen: Math.round((v.feeYuan ?? 0) * 100),
    guide: v.guide?.trim() ?? "",
  };
}

type Name = (string | number)[];

/** Where a server error path (/content/workflow/steps/1/orgIds, /code …) shows in this form. */
function fieldOf(path: string): Name | null {
  const n = pointerToName(path);
  if (n[0] === "content") n.shift();
  const top = n[0];
  if (top === "workflow") {
    if (n[1] === "steps" && typeof n[2] === "number")
      return typeof n[3] === "string" ? ["steps", n[2], n[3]] : ["steps"];
    return n[1] === "allowSameApprover" ? ["allowSameApprover"] : ["steps"];
  }
  if (top === "feeFen") return ["feeYuan"];
  if (top === "materials" && typeof n[1] === "number" && typeof n[2] === "string")
    return ["materials", n[1], n[2]];
  if (typeof top === "string" && FIELDS.includes(top)) return [top];
  return null;
}

/** Puts the server's field errors under their fields; returns the ones that fit nowhere. */
function placeItemErrors(form: FormInstance<Values>, e: ApiError, lang: Lang): string[] {
  const left: string[] = [];
  const by = new Map<string, { name: Name; errors: string[] }>();
  for (const fe of e.fieldErrors) {
    const msg = pick(lang, fe.message);
    const name = fieldOf(fe.path);
    if (!name) {
      left.push(`${fe.path} ${msg}`);
      continue;
    }
    const k = JSON.stringify(name);
    const cur = by.get(k) ?? { name, errors: [] };
    cur.errors.push(msg);
    by.set(k, cur);
  }
  if (e.fieldErrors.length === 0 && e.code === "ITEM_CODE_TAKEN")
    by.set("code", { name: ["code"], errors: [e.text(lang)] });
  if (by.size) (form as FormInstance).setFields([...by.values()]);
  return left;
}

const jsonRule = (message: string) => ({
  validator: async (_: unknown, v: string | undefined) => {
    if (!v?.trim()) return;
    try {
      JSON.parse(v);
    } catch {
      throw new Error(message);
    }
  },
});

/** Measure options from the imported policy documents ("(二十三) …"). */
function useMeasureOptions() {
  const [opts, setOpts] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const docs = await policyApi.list(null, 20, { quiet: true });
        const all: { value: string; label: string }[] = [];
        for (const d of docs.items) {
          const detail = await policyApi.get(d.id, { quiet: true });
          for (const s of detail.sections)
            for (const m of s.measures) all.push({ value: m.id, label: `${m.label}${m.title}` });
        }
        if (live) setOpts(all);
      } catch {
        // the picker stays empty; measures are optional
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return opts;
}

function StepsEditor({
  form,
  orgOptions,
}: {
  form: FormInstance<Values>;
  orgOptions: { value: string; label: string }[];
}) {
  const t = useT();
  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }) => (
        <>
          {fields.map((f, i) => (
            <fieldset key={f.key} className="rc-step-editor">
              <legend className="rc-strong">{t("catalogue.stepN", { n: i + 1 })}</legend>
              <div className="rc-step-editor-row">
                <Form.Item
                  name={[f.name, "key"]}
                  label={t("catalogue.stepKey")}
                  rules={[
                    { required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("catalogue.codeRule") },
                  ]}
                >
                  <Input className="rc-mono" />
                </Form.Item>
                <Form.Item
                  name={[f.name, "name"]}
                  label={t("catalogue.stepName")}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name={[f.name, "kind"]}
                  label={t("catalogue.stepKind")}
                  rules={[{ required: true }]}
                >
                  <Select
                    options={(["review", "countersign", "publicity"] as const).map((k) => ({
                      value: k,
                      label: t(`stepKind.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, "role"]}
                  label={t("catalogue.stepRole")}
                  rules={[{ required: true }]}
                >
                  <Select
                    options={(["officer", "leader"] as const).map((r) => ({
                      value: r,
                      label: t(`role.${r}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, "days"]}
                  label={t("catalogue.stepDays")}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={1} max={60} precision={0} />
                </Form.Item>
              </div>
              <Form.Item
                name={[f.name, "orgIds"]}
                label={t("catalogue.stepOrgs")}
                rules={[
                  {
                    validator: async (_, v: string[] | undefined) => {
                      const kind = form.getFieldValue(["steps", f.name, "kind"]);
                      const n = v?.length ?? 0;
                      if (kind === "countersign" ? n < 2 : n !== 1)
                        throw new Error(
                          t(kind === "countersign" ? "catalogue.countersignOrgs" : "catalogue.oneOrg"),
                        );
                    },
                  },
                ]}
              >
                <Select mode="multiple" showSearch={{ optionFilterProp: "label" }} options={orgOptions} />
              </Form.Item>
              <div className="rc-step-editor-row">
                <Form.Item name={[f.name, "actions"]} label={t("catalogue.stepActions")}>
                  <Checkbox.Group
                    options={STEP_ACTIONS.map((a) => ({
                      value: a,
                      label: t(`case.act.${a}`),
                      disabled: a === "approve",
                    }))}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(["steps", f.name, "kind"]) === "publicity" ? (
                      <Form.Item
                        name={[f.name, "publicityDays"]}
                        label={t("catalogue.publicityDays")}
                        rules={[{ required: true }]}
                      >
                        <InputNumber min={1} max={30} precision={0} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </div>
              <Space className="rc-mb-s">
                <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                  {t("catalogue.moveUp")}
                </Button>
                <Button size="small" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>
                  {t("catalogue.moveDown")}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<MinusCircleOutlined aria-hidden />}
                  onClick={() => remove(f.name)}
                >
                  {t("catalogue.removeStep")}
                </Button>
              </Space>
            </fieldset>
          ))}
          {fields.length < 10 ? (
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() =>
                add({
                  key: `step${fields.length + 1}`,
                  name: "",
                  kind: "review",
                  orgIds: [],
                  role: "officer",
                  days: 5,
                  actions: ["approve", "return", "reject"],
                })
              }
            >
              {t("catalogue.addStep")}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}

function MaterialsEditor() {
  const t = useT();
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <div key={f.key} className="rc-step-editor rc-step-editor-row">
              <Form.Item
                name={[f.name, "code"]}
                label={t("catalogue.materialCode")}
                rules={[
                  { required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t("catalogue.codeRule") },
                ]}
              >
                <Input className="rc-mono" />
              </Form.Item>
              <Form.Item
                name={[f.name, "name"]}
                label={t("catalogue.materialName")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[f.name, "types"]}
                label={t("catalogue.materialTypes")}
                rules={[{ required: true, type: "array", min: 1 }]}
              >
                <Checkbox.Group options={FILE_TYPES.map((x) => ({ value: x, label: x.toUpperCase() }))} />
              </Form.Item>
              <Form.Item name={[f.name, "required"]} label={t("material.required")} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name={[f.name, "note"]} label={t("catalogue.materialNote")}>
                <Input maxLength={200} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<MinusCircleOutlined aria-hidden />}
                aria-label={t("catalogue.removeMaterial")}
                onClick={() => remove(f.name)}
              />
            </div>
          ))}
          {fields.length < 20 ? (
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ code: "", name: "", required: true, types: ["pdf"] })}
            >
              {t("catalogue.addMaterial")}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}

function Versions({ item }: { item: ManagedItem }) {
  const t = useT();
  return (
    <Table
      rowKey="versionId"
      size="small"
      pagination={false}
      dataSource={[...item.versions].reverse()}
      locale={{ emptyText: t("catalogue.neverPublished") }}
      columns={[
        {
          title: t("catalogue.version"),
          key: "v",
          render: (_, v) => t("catalogue.versionN", { n: v.version }),
        },
        { title: t("catalogue.publishedAt"), key: "at", render: (_, v) => fmtTime(v.publishedAt) },
        {
          title: t("catalogue.publishedBy"),
          key: "by",
          render: (_, v) => v.publishedBy?.name ?? t("case.system"),
        },
      ]}
    />
  );
}

export default function ItemEditorPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const isNew = !id;
  const [form] = Form.useForm<Values>();
  const [item, setItem] = useState<ManagedItem | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState<"save" | "publish" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { orgs } = useOrgs();
  const measureOptions = useMeasureOptions();
  const govOrgs = useMemo(
    () =>
      orgs
        .filter((o) => o.kind === "party_gov" || o.kind === "agency")
        .map((o) => ({ value: o.id, label: o.name })),
    [orgs],
  );

  useEffect(() => {
    if (isNew) {
      form.setFieldsValue({
        kind: "confirmation",
        applicants: ["talent"],
        form: EMPTY_FORM,
        materials: [],
        steps: [],
        allowSameApprover: false,
        promisedDays: 20,
        feeYuan: 0,
        measureIds: [],
        legalBasis: "",
        guide: "",
      });
      return;
    }
    catalogueApi
      .managedItem(id, { quiet: true })
      .then(async (it) => {
        const measureIds = it.measures.map((m) => m.id);
        // Without a draft the editor starts from the published version.
        const content =
          it.draft ??
          (it.currentVersion
            ? contentOf(await catalogueApi.get(it.code, it.currentVersion, { quiet: true }))
            : null);
        setItem(it);
        if (content) form.setFieldsValue(toValues(it.code, content, measureIds));
        else form.setFieldsValue({ code: it.code, measureIds });
      })
      .catch((e) => {
        if (isApiError(e) && e.status === 404) setMissing(true);
      });
  }, [id, isNew, form]);

  const save = async (): Promise<ManagedItem | null> => {
    setProblem(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    let content: ItemContent;
    try {
      content = toContent({ ...form.getFieldsValue(true), ...v });
    } catch {
      form.setFields([{ name: "form", errors: [t("catalogue.schemaInvalid")] }]);
      return null;
    }
    try {
      let saved = isNew
        ? await catalogueApi.create(v.code.trim(), content)
        : await catalogueApi.saveDraft(id, content);
      // The measures an item implements are kept outside its versions.
      const measureIds = v.measureIds ?? [];
      const had = saved.measures.map((m) => m.id);
      if (measureIds.length !== had.length || measureIds.some((m, i) => m !== had[i]))
        saved = await catalogueApi.setMeasures(saved.id, measureIds);
      setItem(saved);
      return saved;
    } catch (e) {
      if (isApiError(e)) {
        const left = placeItemErrors(form, e, lang);
        if (left.length || e.fieldErrors.length === 0)
          setProblem([e.text(lang), ...left].join(t("common.clauseSep")));
      } else setProblem(String(e));
      return null;
    }
  };

  const onSave = async () => {
    setBusy("save");
    const saved = await save();
    setBusy(null);
    if (saved) {
      message.success(t("catalogue.draftSaved"));
      if (isNew) navigate(`/services/catalogue/${saved.id}`, { replace: true });
    }
  };

  const onPublish = async () => {
    setBusy("publish");
    try {
      const saved = await save();
      if (!saved) return;
      const published = await catalogueApi.publish(saved.id);
      setItem(published);
      message.success(t("catalogue.published", { n: published.currentVersion ?? 1 }));
      if (isNew) navigate(`/services/catalogue/${published.id}`, { replace: true });
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  if (missing)
    return (
      <MissingPage
        title={t("catalogue.editTitle")}
        body={t("catalogue.notFound")}
        backTo="/services/catalogue"
        backLabel={t("catalogue.back")}
      />
    );
  if (!isNew && !item) return <LoadingPage title={t("catalogue.editTitle")} />;

  const title = isNew ? t("catalogue.newTitle") : `${item?.name ?? ""}（${item?.code ?? ""}）`;
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <Space wrap>
            <Button
              icon={<SaveOutlined aria-hidden />}
              loading={busy === "save"}
              disabled={busy === "publish"}
              onClick={onSave}
            >
              {t("catalogue.saveDraft")}
            </Button>
            <Popconfirm
              title={t("catalogue.publishConfirm")}
              okText={t("catalogue.publish")}
              cancelText={t("common.cancel")}
              onConfirm={onPublish}
            >
              <Button
                type="primary"
                icon={<CloudUploadOutlined aria-hidden />}
                loading={busy === "publish"}
                disabled={busy === "save"}
              >
                {t("catalogue.publish")}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        {item?.currentVersion
          ? t("catalogue.editIntroPublished", { n: item.currentVersion })
          : t("catalogue.editIntroDraft")}
      </PageHeader>
      {problem ? (
        <Alert
          type="error"
          showIcon
          className="rc-mb"
          title={problem}
          closable
          onClose={() => setProblem(null)}
        />
      ) : null}
      {item && !item.draft ? (
        <Alert type="info" showIcon className="rc-mb" title={t("catalogue.noDraft")} />
      ) : null}
      <Form<Values> form={form} layout="vertical" name="item">
        <Tabs
          items={[
            {
              key: "basic",
              label: t("catalogue.tabBasic"),
              forceRender: true,
              children: (
                <Card variant="borderless">
                  <div className="rc-step-editor-row">
                    <Form.Item
                      name="code"
                      label={t("catalogue.code")}
                      rules={[
                        {
                          required: true,
                          pattern: /^[A-Z][A-Z0-9-]{1,39}$/,
                          message: t("catalogue.itemCodeRule"),
                        },
                      ]}
                    >
                      <Input className="rc-mono" disabled={!isNew} />
                    </Form.Item>
                    <Form.Item
                      name="name"
                      label={t("catalogue.name")}
                      rules={[{ required: true, whitespace: true }, { max: 100 }]}
                      className="rc-fill"
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </div>
                  <div className="rc-step-editor-row">
                    <Form.Item name="kind" label={t("catalogue.kind")} rules={[{ required: true }]}>
                      <Select options={ITEM_KINDS.map((k) => ({ value: k, label: t(`itemKind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item
                      name="ownerOrgId"
                      label={t("catalogue.owner")}
                      rules={[{ required: true, message: t("catalogue.ownerRequired") }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: "label" }}
                        options={govOrgs}
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                    <Form.Item
                      name="promisedDays"
                      label={t("catalogue.promisedDays")}
                      rules={[{ required: true }]}
                    >
                      <InputNumber
                        min={1}
                        max={120}
                        precision={0}
                        addonAfter={t("catalogue.workingDaysUnit")}
                      />
                    </Form.Item>
                    <Form.Item
                      name="feeYuan"
                      label={t("catalogue.feeYuanLabel")}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} precision={2} />
                    </Form.Item>
                  </div>
                  <Form.Item
                    name="applicants"
                    label={t("catalogue.applicants")}
                    rules={[
                      { required: true, type: "array", min: 1, message: t("catalogue.applicantsRequired") },
                    ]}
                  >
                    <Checkbox.Group
                      options={APPLICANT_KINDS.map((a) => ({ value: a, label: t(`applicantKind.${a}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="legalBasis" label={t("catalogue.legalBasis")} rules={[{ max: 2000 }]}>
                    <Input.TextArea rows={3} maxLength={2000} />
                  </Form.Item>
                  <Form.Item name="measureIds" label={t("catalogue.measures")}>
                    <Select
                      mode="multiple"
                      showSearch={{ optionFilterProp: "label" }}
                      options={measureOptions}
                    />
                  </Form.Item>
                  <Form.Item name="guide" label={t("catalogue.guide")} rules={[{ max: 5000 }]}>
                    <Input.TextArea rows={5} maxLength={5000} />
                  </Form.Item>
                  <Form.Item
                    name="eligibility"
                    label={t("catalogue.eligibility")}
                    extra={t("catalogue.eligibilityHelp")}
                    rules={[jsonRule(t("catalogue.jsonInvalid"))]}
                  >
                    <Input.TextArea rows={4} className="rc-mono" spellCheck={false} />
                  </Form.Item>
                  <Form.Item
                    name="amountRule"
                    label={t("catalogue.amountRule")}
                    extra={t("catalogue.amountRuleHelp")}
                    rules={[jsonRule(t("catalogue.jsonInvalid"))]}
                  >
                    <Input.TextArea rows={3} className="rc-mono" spellCheck={false} />
                  </Form.Item>
                </Card>
              ),
            },
            {
              key: "materials",
              label: t("material.label"),
              forceRender: true,
              children: (
                <Card variant="borderless">
                  <MaterialsEditor />
                </Card>
              ),
            },
            {
              key: "form",
              label: t("catalogue.formSchema"),
              forceRender: true,
              children: (
                <Card variant="borderless">
                  <Form.Item
                    name="form"
                    extra={t("catalogue.formHelp")}
                    rules={[
                      {
                        validator: async (_, v: string | undefined) => {
                          if (!parseSchemaText(v).schema) throw new Error(t("catalogue.schemaInvalid"));
                        },
                      },
                    ]}
                  >
                    <SchemaEditor />
                  </Form.Item>
                </Card>
              ),
            },
            {
              key: "workflow",
              label: t("catalogue.workflow"),
              forceRender: true,
              children: (
                <Card variant="borderless">
                  <StepsEditor form={form} orgOptions={govOrgs} />
                  <Form.Item
                    name="allowSameApprover"
                    label={t("catalogue.allowSameApprover")}
                    valuePropName="checked"
                    className="rc-mt-s"
                  >
                    <Switch />
                  </Form.Item>
                </Card>
              ),
            },
            ...(item
              ? [
                  {
                    key: "versions",
                    label: t("catalogue.versions"),
                    children: (
                      <Card variant="borderless">
                        <Versions item={item} />
                      </Card>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Form>
    </>
  );
}
