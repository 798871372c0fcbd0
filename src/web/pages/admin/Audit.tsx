import { ReloadOutlined, SafetyOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { isApiError } from "../../api/client";
import { type AuditQuery, auditApi } from "../../api/endpoints";
import type { AuditRetention, AuditRow, VerifyResult } from "../../api/types";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";

const PAGE = 50;

/** The retention period (≥ 183 days), the auditor's own setting. */
function RetentionCard() {
  const t = useT();
  const { message } = AntApp.useApp();
  const [retention, setRetention] = useState<AuditRetention | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    auditApi
      .retention()
      .then((r) => {
        setRetention(r);
        setDays(r.days);
      })
      .catch((e: unknown) => {
        if (!isApiError(e)) throw e;
      });
  }, []);

  if (!retention) return null;
  const min = retention.minimumDays;
  const save = async () => {
    if (days === null) return;
    setSaving(true);
    try {
      const next = await auditApi.setRetention(days);
      setRetention(next);
      setDays(next.days);
      message.success(t("audit.retentionSaved", { n: next.days }));
    } catch (e) {
      if (!isApiError(e)) throw e;
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card variant="borderless" className="rc-mb" title={t("audit.retention")}>
      <Space wrap>
        <InputNumber
          aria-label={t("audit.retention")}
          min={min}
          max={36500}
          precision={0}
          value={days}
          onChange={(v) => setDays(typeof v === "number" ? v : null)}
          addonAfter={t("audit.retentionDays")}
          status={days !== null && days < min ? "error" : undefined}
        />
        <Button
          onClick={save}
          loading={saving}
          disabled={days === null || days < min || days === retention.days}
        >
          {t("audit.retentionSave")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" className="rc-small">
        {t("audit.retentionHelp", { min })}
      </Typography.Paragraph>
    </Card>
  );
}

const RESULT_COLORS: Record<AuditRow["result"], string> = {
  ok: "success",
  denied: "warning",
  failed: "error",
};

interface FilterValues {
  action?: string;
  actor?: string;
  result?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Filter form → query. Dates are whole local days, sent as ISO instants. */
function toQuery(v: FilterValues): Omit<AuditQuery, "cursor" | "limit"> {
  const [from, to] = v.range ?? [null, null];
  return {
    action: v.action?.trim() || undefined,
    actor: v.actor?.trim() || undefined,
    result: v.result || undefined,
    from: from ? from.startOf("day").toISOString() : undefined,
    to: to ? to.endOf("day").toISOString() : undefined,
  };
}

export default function AuditPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Omit<AuditQuery, "cursor" | "limit">>({});
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResult | null>(null);

  const list = useCursorList<AuditRow>(
    (cursor) => auditApi.list({ ...filters, cursor, limit: PAGE }),
    JSON.stringify(filters),
  );

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      if (!isApiError(e)) throw e;
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditRow> = [
    { title: t("audit.seq"), dataIndex: "seq", key: "seq", align: "right", width: 80 },
    {
      title: t("audit.at"),
      dataIndex: "at",
      key: "at",
      render: (v: string) => (
        <time dateTime={v} className="rc-nowrap">
          {fmtTime(v)}
        </time>
      ),
    },
    {
      title: t("audit.actor"),
      key: "actor",
      render: (_, r) => r.actorName ?? r.actorId ?? <span className="rc-muted">{t("audit.system")}</span>,
    },
    {
      title: t("audit.action"),
      dataIndex: "action",
      key: "action",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    {
      title: t("audit.object"),
      key: "object",
      render: (_, r) =>
        r.objectType || r.objectId ? (
          <span className="rc-mono">
            {r.objectType ?? ""}
            {r.objectType && r.objectId ? ":" : ""}
            {r.objectId ?? ""}
          </span>
        ) : (
          t("common.none")
        ),
    },
    {
      title: t("audit.result"),
      dataIndex: "result",
      key: "result",
      render: (v: AuditRow["result"]) => (
        <Tag color={RESULT_COLORS[v] ?? "default"}>{t(`audit.result.${v}`)}</Tag>
      ),
    },
    {
      title: t("audit.ip"),
      dataIndex: "ip",
      key: "ip",
      render: (v: string | null) => (v ? <span className="rc-mono">{v}</span> : t("common.none")),
    },
    {
      title: t("audit.requestId"),
      dataIndex: "requestId",
      key: "requestId",
      render: (v: string | null) =>
        v ? (
          <Typography.Text className="rc-mono rc-small" copyable={{ text: v }}>
            {v}
          </Typography.Text>
        ) : (
          t("common.none")
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        extra={
          <Button
            type="primary"
            icon={<SafetyOutlined aria-hidden />}
            loading={verifying}
            onClick={runVerify}
          >
            {t("audit.verify")}
          </Button>
        }
      >
        {t("audit.readonly")}
      </PageHeader>

      <div aria-live="polite">
        {verify ? (
          verify.ok ? (
            <Alert
              type="success"
              showIcon
              className="rc-mb"
              title={t("audit.verifyOk", { n: verify.checked })}
              closable={{ onClose: () => setVerify(null) }}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              className="rc-mb rc-verify-broken"
              title={t("audit.verifyBroken", {
                seq: verify.firstBroken?.seq ?? "?",
                reason: pick(lang, verify.firstBroken?.reason) || t("common.none"),
                n: verify.checked,
              })}
              closable={{ onClose: () => setVerify(null) }}
            />
          )
        ) : null}
      </div>

      <RetentionCard />

      <Card variant="borderless">
        <Form<FilterValues>
          form={form}
          name="auditFilters"
          layout="inline"
          className="rc-filters rc-filters-form"
          onFinish={(v) => setFilters(toQuery(v))}
        >
          <Form.Item name="action" label={t("audit.action")}>
            <Input allowClear placeholder={t("audit.actionPlaceholder")} className="rc-w-200" />
          </Form.Item>
          <Form.Item name="actor" label={t("audit.actor")}>
            <Input allowClear placeholder={t("audit.actorPlaceholder")} className="rc-w-180" />
          </Form.Item>
          <Form.Item name="result" label={t("audit.result")}>
            <Select
              allowClear
              placeholder={t("common.all")}
              className="rc-w-120"
              options={(["ok", "denied", "failed"] as const).map((r) => ({
                value: r,
                label: t(`audit.result.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t("audit.dateRange")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t("common.query")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t("common.reset")}
              </Button>
              <Button
                icon={<ReloadOutlined aria-hidden />}
                onClick={list.reload}
                aria-label={t("common.refresh")}
              />
            </Space>
          </Form.Item>
        </Form>
        <Table<AuditRow>
          rowKey="seq"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("audit.empty") }}
          expandable={{
            expandedRowRender: (r) => (
              <div className="rc-audit-detail">
                <div>
                  <span className="rc-muted">{t("audit.hash")}：</span>
                  <span className="rc-mono rc-small rc-break">{r.hash}</span>
                </div>
                {r.detail ? (
                  <>
                    <div className="rc-muted">{t("audit.detail")}：</div>
                    <pre className="rc-pre">{JSON.stringify(r.detail, null, 2)}</pre>
                  </>
                ) : null}
              </div>
            ),
          }}
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
    </>
  );
}
