import { PlusOutlined } from "@ant-design/icons";
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
} from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import {
  type BudgetLine,
  type Entitlement,
  type Fund,
  fundsApi,
  type Journal,
  newIdempotencyKey,
} from "../../api/funds";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";
import { EntitlementTag, fenOf, Money } from "./parts";

/** Keeps one Idempotency-Key per open form, so resubmitting after a network error posts once. */
function useFormKey(open: boolean) {
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (open) key.current = newIdempotencyKey();
  }, [open]);
  return key;
}

function AllocateModal({
  line,
  open,
  onClose,
}: {
  line: BudgetLine;
  open: boolean;
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ amount: string; memo?: string }>();
  const key = useFormKey(open);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await fundsApi.allocate(line.id, { amount: fenOf(v.amount)!, memo: v.memo || undefined }, key.current);
      message.success(t("funds.allocateDone"));
      form.resetFields();
      onClose(true);
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("funds.allocate")}
      open={open}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="amount"
          label={t("funds.amount")}
          rules={[
            {
              required: true,
              validator: async (_, v) => (fenOf(String(v ?? "")) ? undefined : Promise.reject()),
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="memo" label={t("funds.memoOptional")}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EntitlementForm {
  talentUsername: string;
  title: string;
  amount: string;
  staged: boolean;
  reward: string;
  payeeName: string;
  bank: string;
  account: string;
}

function NewEntitlementModal({
  line,
  open,
  onClose,
}: {
  line: BudgetLine;
  open: boolean;
  onClose: (done: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EntitlementForm>();
  const staged = Form.useWatch("staged", form);
  const key = useFormKey(open);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const startUp = fenOf(v.amount)!;
      const reward = v.staged ? fenOf(v.reward ?? "") : null;
      await fundsApi.createEntitlement(
        {
          budgetLineId: line.id,
          talentUserId: v.talentUsername.trim(),
          title: v.title,
          ...(reward
            ? {
                stages: [
                  { name: "启动经费", amount: startUp, condition: "on_creation" as const },
                  { name: "验收奖励经费", amount: reward, condition: "manual" as const },
                ],
              }
            : { amount: startUp }),
          payee: { name: v.payeeName, bank: v.bank, account: v.account },
        },
        key.current,
      );
      message.success(t("funds.entitlementCreated"));
      form.resetFields();
      onClose(true);
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  const money = {
    validator: async (_: unknown, v: unknown) => (fenOf(String(v ?? "")) ? undefined : Promise.reject()),
  };
  return (
    <Modal
      title={t("funds.newEntitlement")}
      open={open}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
      okText={t("funds.newEntitlement")}
    >
      <Form form={form} layout="vertical" initialValues={{ staged: false }}>
        <Form.Item name="talentUsername" label={t("funds.talentUser")} rules={[{ required: true }]}>
          <Input className="rc-mono" placeholder="talent" autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t("funds.titleField")} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="amount"
          label={staged ? t("funds.startUp") : t("funds.amount")}
          rules={[{ required: true }, money]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="staged" valuePropName="checked">
          <Checkbox>{t("funds.staged")}</Checkbox>
        </Form.Item>
        {staged ? (
          <Form.Item name="reward" label={t("funds.reward")} rules={[{ required: true }, money]}>
            <Input inputMode="decimal" />
          </Form.Item>
        ) : null}
        <Form.Item name="payeeName" label={t("funds.payee")} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="bank" label={t("funds.bank")} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="account"
          label={t("funds.account")}
          rules={[{ required: true, pattern: /^[\d\s-]{12,40}$/ }]}
        >
          <Input className="rc-mono" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BudgetLinePage() {
  const t = useT();
  const { id = "" } = useParams();
  const [line, setLine] = useState<BudgetLine | null>(null);
  const [fund, setFund] = useState<Fund | null>(null);
  const [missing, setMissing] = useState(false);
  const [allocating, setAllocating] = useState(false);
  const [creating, setCreating] = useState(false);
  const [version, setVersion] = useState(0);
  const load = useCallback(async () => {
    try {
      const l = await fundsApi.line(id);
      setLine(l);
      setFund(await fundsApi.fund(l.fundId));
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const entitlements = useCursorList<Entitlement>(
    (cursor) => fundsApi.entitlements({ budgetLineId: id, cursor, limit: 30 }),
    `${id}:${version}`,
  );
  const journals = useCursorList<Journal>(
    (cursor) => fundsApi.journals(id, { cursor, limit: 30 }),
    `${id}:${version}`,
  );
  if (missing)
    return (
      <MissingPage
        title={t("funds.lines")}
        body={t("funds.missing")}
        backTo="/funds"
        backLabel={t("funds.back")}
      />
    );
  if (!line || !fund) return <LoadingPage title={t("funds.lines")} />;
  const refresh = (done: boolean) => {
    if (!done) return;
    void load();
    setVersion((v) => v + 1);
  };

  const eColumns: TableColumnsType<Entitlement> = [
    {
      title: t("funds.titleField"),
      key: "title",
      render: (_, e) => <Link to={`/funds/entitlements/${e.id}`}>{e.title}</Link>,
    },
    { title: t("funds.talent"), key: "talent", render: (_, e) => e.talent.name },
    { title: t("funds.amount"), key: "amount", align: "right", render: (_, e) => <Money fen={e.amount} /> },
    { title: t("funds.paid"), key: "paid", align: "right", render: (_, e) => <Money fen={e.paid} /> },
    { title: t("funds.status"), key: "status", render: (_, e) => <EntitlementTag status={e.status} /> },
  ];
  const jColumns: TableColumnsType<Journal> = [
    { title: t("funds.at"), dataIndex: "createdAt", render: (v: string) => fmtTime(v) },
    {
      title: t("funds.journalKind"),
      dataIndex: "kind",
      render: (k: string) => t(`funds.kind.${k}` as MsgKey),
    },
    { title: t("funds.amount"), key: "amount", align: "right", render: (_, j) => <Money fen={j.amount} /> },
    {
      title: t("funds.postings"),
      key: "postings",
      render: (_, j) => (
        <span className="rc-mono">
          {j.postings
            .map((p) => `${t(`funds.${p.account}` as MsgKey)} ${p.amount > 0 ? "+" : ""}${p.amount / 100}`)
            .join("；")}
        </span>
      ),
    },
    { title: t("funds.memo"), dataIndex: "memo" },
    { title: t("funds.by"), key: "by", render: (_, j) => j.createdBy?.name ?? "—" },
  ];
  const b = line.balances;
  return (
    <>
      <PageHeader
        title={`${line.measure?.label ?? ""}${line.name}`}
        extra={
          <Space wrap>
            {fund.abilities.allocate ? (
              <Button onClick={() => setAllocating(true)}>{t("funds.allocate")}</Button>
            ) : null}
            {fund.abilities.manage ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t("funds.newEntitlement")}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Link to="/funds">{t("funds.back")}</Link>
      </PageHeader>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t("funds.fund")}>{fund.name}</Descriptions.Item>
          <Descriptions.Item label={t("funds.lineCode")}>{line.code}</Descriptions.Item>
          <Descriptions.Item label={t("funds.year")}>{line.year}</Descriptions.Item>
          <Descriptions.Item label={t("funds.measure")}>
            {line.measure ? `${line.measure.label ?? ""} ${line.measure.title}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("funds.item")}>{line.itemCode ?? "—"}</Descriptions.Item>
          {(["allocated", "available", "reserved", "payable", "paid", "returned"] as const).map((k) => (
            <Descriptions.Item key={k} label={`${t(`funds.${k}`)}（${t("funds.yuan")}）`}>
              <Money fen={b[k]} />
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card variant="borderless" title={t("funds.entitlements")} style={{ marginBottom: 16 }}>
        <Table<Entitlement>
          rowKey="id"
          columns={eColumns}
          dataSource={entitlements.items}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
        />
        <LoadMore
          count={entitlements.items.length}
          hasMore={entitlements.hasMore}
          loading={entitlements.loading}
          onMore={entitlements.loadMore}
        />
      </Card>
      <Card variant="borderless" title={t("funds.journals")}>
        <Table<Journal>
          rowKey="id"
          columns={jColumns}
          dataSource={journals.items}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
        />
        <LoadMore
          count={journals.items.length}
          hasMore={journals.hasMore}
          loading={journals.loading}
          onMore={journals.loadMore}
        />
      </Card>
      <AllocateModal
        line={line}
        open={allocating}
        onClose={(done) => {
          setAllocating(false);
          refresh(done);
        }}
      />
      <NewEntitlementModal
        line={line}
        open={creating}
        onClose={(done) => {
          setCreating(false);
          refresh(done);
        }}
      />
    </>
  );
}
