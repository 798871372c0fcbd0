// Fund and budget-line management: the talent office creates funds and their yearly budget lines (a
// measure label or a service item, an optional stage plan) and sets the two-person approval threshold
// of payment batches; the finance bureau allocates budget to a line (one Idempotency-Key per attempt).
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { isApiError } from "../../api/client";
import { orgApi } from "../../api/endpoints";
import { showFormError } from "../../api/forms";
import {
  type BudgetLine,
  type Fund,
  type FundsSettings,
  fundsApi,
  newIdempotencyKey,
  type SettingsRequest,
  type StageCondition,
  yuan,
} from "../../api/funds";
import { type CatalogueSummary, catalogueApi } from "../../api/services";
import type { Org } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { isTalentOffice } from "../../lib/roles";
import { fenOf, Money } from "./parts";

const CONDITIONS: StageCondition[] = ["on_creation", "application_approved", "manual"];
const thisYear = () => new Date().getFullYear();

/** A positive amount in 元 with at most two decimals (the server checks again, in 分). */
const yuanRule = {
  required: true,
  validator: async (_: unknown, v: unknown) => (fenOf(String(v ?? "")) ? undefined : Promise.reject()),
};

function NewFundModal({ open, onClose }: { open: boolean; onClose: (created: Fund | null) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ code: string; name: string; description?: string; financeOrgId: string }>();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    orgApi
      .list()
      .then((r) => setOrgs(r.items.filter((o) => o.kind === "party_gov" && o.status === "active")))
      .catch(() => undefined);
  }, [open]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const fund = await fundsApi.createFund({
        code: v.code.trim(),
        name: v.name.trim(),
        description: v.description?.trim() || undefined,
        financeOrgId: v.financeOrgId,
      });
      message.success(t("funds.manage.fundCreated"));
      form.resetFields();
      onClose(fund);
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["code", "name", "description", "financeOrgId"],
        codeFields: { FUNDS_CODE_TAKEN: "code" },
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("funds.manage.newFund")}
      open={open}
      onCancel={() => onClose(null)}
      onOk={submit}
      confirmLoading={busy}
      okText={t("funds.manage.create")}
    >
      <Form form={form} name="new-fund" layout="vertical">
        <Form.Item
          name="code"
          label={t("funds.manage.fundCode")}
          extra={t("funds.manage.codeHint")}
          rules={[
            { required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/, message: t("funds.manage.codeInvalid") },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("funds.manage.fundName")}
          rules={[{ required: true, min: 2, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="financeOrgId" label={t("funds.manage.financeOrg")} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t("funds.manage.description")}>
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LineForm {
  year: number;
  code: string;
  name: string;
  measureLabel?: string;
  itemCode?: string;
  stagePlan?: { name: string; percent: number; condition: StageCondition; conditionRef?: string }[];
}

function NewLineModal({
  fund,
  open,
  onClose,
}: {
  fund: Fund;
  open: boolean;
  onClose: (created: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<LineForm>();
  const [items, setItems] = useState<CatalogueSummary[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    catalogueApi
      .list()
      .then((r) => setItems(r.items))
      .catch(() => undefined);
  }, [open]);
  const plan = Form.useWatch("stagePlan", form);
  const percentSum = (plan ?? []).reduce((s, p) => s + (Number(p?.percent) || 0), 0);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const stagePlan =
        v.stagePlan && v.stagePlan.length > 0
          ? v.stagePlan.map((p) => ({
              name: p.name.trim(),
              percent: p.percent,
              condition: p.condition,
              conditionRef: p.condition === "application_approved" ? p.conditionRef || null : null,
            }))
          : null;
      await fundsApi.createLine(fund.id, {
        year: v.year,
        code: v.code.trim(),
        name: v.name.trim(),
        measureLabel: v.measureLabel?.trim() || null,
        itemCode: v.itemCode || null,
        stagePlan,
      });
      message.success(t("funds.manage.lineCreated"));
      form.resetFields();
      onClose(true);
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["year", "code", "name", "measureLabel", "itemCode", "stagePlan"],
        codeFields: { FUNDS_LINE_CODE_TAKEN: "code" },
      });
    } finally {
      setBusy(false);
    }
  };
  const itemOptions = items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  return (
    <Modal
      title={`${t("funds.manage.newLine")} · ${fund.name}`}
      open={open}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
      okText={t("funds.manage.create")}
      width={720}
    >
      <Form form={form} name={`line-${fund.id}`} layout="vertical" initialValues={{ year: thisYear() }}>
        <Space wrap align="start">
          <Form.Item name="year" label={t("funds.year")} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="code"
            label={t("funds.lineCode")}
            rules={[
              { required: true, pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t("funds.manage.codeInvalid") },
            ]}
          >
            <Input maxLength={40} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="measureLabel"
            label={t("funds.manage.measureLabel")}
            extra={t("funds.manage.measureHint")}
          >
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t("funds.lineName")} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="itemCode" label={t("funds.manage.itemLink")} extra={t("funds.manage.itemHint")}>
          <Select allowClear showSearch optionFilterProp="label" options={itemOptions} />
        </Form.Item>
        <Form.Item label={t("funds.manage.stagePlan")} extra={t("funds.manage.stagePlanHint")}>
          <Form.List name="stagePlan">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, "name"]} rules={[{ required: true, max: 100 }]}>
                      <Input
                        placeholder={t("funds.stage")}
                        aria-label={t("funds.manage.stageName", { n: f.name + 1 })}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "percent"]} rules={[{ required: true }]}>
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        suffix="%"
                        aria-label={t("funds.manage.stagePercent", { n: f.name + 1 })}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "condition"]} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 200 }}
                        placeholder={t("funds.condition")}
                        aria-label={t("funds.manage.stageCondition", { n: f.name + 1 })}
                        options={CONDITIONS.map((c) => ({
                          value: c,
                          label: t(`funds.manage.condition.${c}` as MsgKey),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(["stagePlan", f.name, "condition"]) === "application_approved" ? (
                          <Form.Item name={[f.name, "conditionRef"]} rules={[{ required: true }]}>
                            <Select
                              showSearch
                              optionFilterProp="label"
                              placeholder={t("funds.manage.conditionItem")}
                              options={itemOptions}
                              style={{ width: 200 }}
                            />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                    <Button
                      type="text"
                      aria-label={t("funds.manage.removeStage")}
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                <Space>
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ condition: fields.length === 0 ? "on_creation" : "manual" })}
                    disabled={fields.length >= 10}
                  >
                    {t("funds.manage.addStage")}
                  </Button>
                  {fields.length > 0 ? (
                    <span style={percentSum === 100 ? undefined : { color: "#d97706" }}>
                      {t("funds.manage.percentSum", { n: percentSum })}
                    </span>
                  ) : null}
                </Space>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AllocateModal({
  fundId,
  line,
  onClose,
}: {
  fundId: string;
  line: BudgetLine | null;
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ amount: string; memo?: string }>();
  const [busy, setBusy] = useState(false);
  // One key per attempt: a network retry of the same submission reuses it, a new opening gets a new one.
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (line) key.current = newIdempotencyKey();
  }, [line]);
  const submit = async () => {
    if (!line) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await fundsApi.allocate(
        line.id,
        { amount: fenOf(v.amount)!, memo: v.memo || undefined },
        key.current,
        true,
      );
      message.success(t("funds.allocateDone"));
      form.resetFields();
      onClose(true);
    } catch (e) {
      showFormError(form, e, lang, { fields: ["amount", "memo"] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={line ? `${t("funds.allocate")} · ${line.code} ${line.name}` : t("funds.allocate")}
      open={line !== null}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} name={`allocate-${fundId}`} layout="vertical">
        <Form.Item name="amount" label={t("funds.amount")} rules={[yuanRule]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="memo" label={t("funds.memoOptional")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ dualApprovalAbove: string }>();
  const [current, setCurrent] = useState<FundsSettings | null>(null);
  const [pending, setPending] = useState<SettingsRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      const [s, requests] = await Promise.all([fundsApi.settings(), fundsApi.settingsRequests()]);
      setCurrent(s);
      setPending(requests.items.find((r) => r.status === "pending") ?? null);
      form.setFieldsValue({ dualApprovalAbove: yuan(s.dualApprovalAbove).replace(/,/g, "") });
    } catch {
      // The page shows the lines even if the settings cannot be read.
    }
  }, [form]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await fundsApi.saveSettings({ dualApprovalAbove: fenOf(v.dualApprovalAbove)! });
      if ("status" in saved) {
        // A raise: it waits for the talent office's co-signature.
        setPending(saved);
        message.success(t("funds.manage.raiseRequested"));
      } else {
        setCurrent(saved);
        message.success(t("funds.manage.settingsSaved"));
      }
    } catch (e) {
      showFormError(form, e, lang, { fields: ["dualApprovalAbove"] });
    } finally {
      setBusy(false);
    }
  };
  const decide = async (decision: "approve" | "reject") => {
    if (!pending) return;
    setBusy(true);
    try {
      await fundsApi.decideSettingsRequest(pending.id, decision);
      message.success(
        decision === "approve" ? t("funds.manage.raiseApproved") : t("funds.manage.raiseRejected"),
      );
      await load();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="borderless" title={t("funds.manage.settings")} style={{ marginBottom: 16 }}>
      <p className="rc-muted">{t("funds.manage.dualHint")}</p>
      {pending ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="dual-pending"
          title={t("funds.manage.raisePending", {
            from: yuan(pending.from),
            to: yuan(pending.to),
            name: pending.requestedBy.name,
          })}
          action={
            pending.abilities.decide ? (
              <Space>
                <Button size="small" type="primary" loading={busy} onClick={() => void decide("approve")}>
                  {t("funds.manage.raiseApprove")}
                </Button>
                <Button size="small" danger loading={busy} onClick={() => void decide("reject")}>
                  {t("funds.manage.raiseReject")}
                </Button>
              </Space>
            ) : undefined
          }
        />
      ) : null}
      <Form form={form} name="funds-settings" layout="inline" onFinish={save} disabled={!canEdit}>
        <Form.Item
          name="dualApprovalAbove"
          label={t("funds.manage.dualApprovalAbove")}
          rules={[
            {
              required: true,
              validator: async (_, v) => (fenOf(String(v ?? "")) !== null ? undefined : Promise.reject()),
              message: t("funds.manage.amountInvalid"),
            },
          ]}
        >
          <Input inputMode="decimal" suffix={t("funds.yuan")} style={{ width: 220 }} />
        </Form.Item>
        {canEdit ? (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t("funds.manage.save")}
            </Button>
          </Form.Item>
        ) : null}
      </Form>
      {current ? (
        <p className="rc-muted" style={{ marginTop: 8 }} data-testid="dual-current">
          {t("funds.manage.dualCurrent", { amount: yuan(current.dualApprovalAbove) })}
        </p>
      ) : null}
      <p className="rc-muted">{t("funds.manage.raiseRule")}</p>
    </Card>
  );
}

function FundCard({ fund, onChanged }: { fund: Fund; onChanged: () => void }) {
  const t = useT();
  const [lines, setLines] = useState<BudgetLine[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [allocating, setAllocating] = useState<BudgetLine | null>(null);
  const load = useCallback(async () => {
    try {
      setLines((await fundsApi.lines(fund.id)).items);
    } catch {
      // shown by the client
    }
  }, [fund.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const columns: TableColumnsType<BudgetLine> = [
    { title: t("funds.year"), dataIndex: "year" },
    {
      title: t("funds.lineCode"),
      dataIndex: "code",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    {
      title: t("funds.lineName"),
      key: "name",
      render: (_, l) => (
        <Link to={`/funds/lines/${l.id}`} className="rc-strong">
          {l.name}
        </Link>
      ),
    },
    { title: t("funds.measure"), key: "measure", render: (_, l) => l.measure?.label ?? "—" },
    { title: t("funds.item"), dataIndex: "itemCode", render: (v: string | null) => v ?? "—" },
    {
      title: t("funds.manage.stagePlan"),
      key: "plan",
      render: (_, l) =>
        l.stagePlan
          ? l.stagePlan.map((p) => `${p.name} ${p.percent}%`).join(" / ")
          : t("funds.manage.noPlan"),
    },
    {
      title: t("funds.allocated"),
      key: "a",
      align: "right",
      render: (_, l) => <Money fen={l.balances.allocated} />,
    },
    {
      title: t("funds.available"),
      key: "v",
      align: "right",
      render: (_, l) => <Money fen={l.balances.available} />,
    },
    ...(fund.abilities.allocate
      ? [
          {
            title: "",
            key: "act",
            render: (_: unknown, l: BudgetLine) => (
              <Button size="small" onClick={() => setAllocating(l)}>
                {t("funds.allocate")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      variant="borderless"
      style={{ marginBottom: 16 }}
      title={
        <span>
          <span className="rc-mono">{fund.code}</span> {fund.name}
        </span>
      }
      extra={
        fund.abilities.manage ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t("funds.manage.newLine")}
          </Button>
        ) : null
      }
    >
      <p className="rc-muted">
        {t("funds.manage.owners", { owner: fund.owner.name, finance: fund.finance.name })}
        {fund.description ? ` · ${fund.description}` : ""}
      </p>
      <Table<BudgetLine>
        rowKey="id"
        columns={columns}
        dataSource={lines ?? []}
        loading={lines === null}
        pagination={false}
        size="small"
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("funds.manage.noLines") }}
      />
      <NewLineModal
        fund={fund}
        open={adding}
        onClose={(done) => {
          setAdding(false);
          if (done) {
            void load();
            onChanged();
          }
        }}
      />
      <AllocateModal
        fundId={fund.id}
        line={allocating}
        onClose={(done) => {
          setAllocating(null);
          if (done) {
            void load();
            onChanged();
          }
        }}
      />
    </Card>
  );
}

export default function FundsManagePage() {
  const t = useT();
  const me = useMe();
  const office = isTalentOffice(me);
  const [funds, setFunds] = useState<Fund[] | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setFunds((await fundsApi.funds()).items);
    } catch {
      // shown by the client
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageHeader
        title={t("funds.manage.title")}
        extra={
          <Space wrap>
            {office ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t("funds.manage.newFund")}
              </Button>
            ) : null}
            <Link to="/funds">
              <Button>{t("funds.back")}</Button>
            </Link>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void load()}>
              {t("common.refresh")}
            </Button>
          </Space>
        }
      >
        {t("funds.manage.intro")}
      </PageHeader>
      {!office ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("funds.manage.financeNote")} />
      ) : null}
      {/* Lowering applies at once; a raise by finance waits for the office's co-signature. */}
      <SettingsCard canEdit />
      {funds && funds.length === 0 ? <Empty description={t("funds.none")} /> : null}
      {funds?.map((f) => (
        <FundCard key={f.id} fund={f} onChanged={() => void load()} />
      ))}
      <NewFundModal
        open={creating}
        onClose={(fund) => {
          setCreating(false);
          if (fund) void load();
        }}
      />
    </>
  );
}
