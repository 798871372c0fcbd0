import { Card, Empty, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { type Answer, call } from "../../api/call";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useT } from "../../i18n";

// 人力资源服务机构名录: the agencies the caller's department keeps (the talent office: all), with the
// licence's state and the latest annual report; contacts come masked. A row opens the record.

export type AgencySummary = Answer<"GET /api/hr-agencies">["items"][number];

const SERVICES = [
  "职业中介",
  "人才猎头",
  "人力资源外包",
  "人才测评",
  "人力资源培训",
  "人力资源管理咨询",
  "劳务派遣",
] as const;
const LICENCE_COLOR = { valid: "green", expiring: "orange", expired: "red", none: "default" } as const;
const REPORT_COLOR = { submitted: "blue", accepted: "green", returned: "orange" } as const;

export function LicenceTag({ state }: { state: AgencySummary["licenceState"] }) {
  const t = useT();
  return <Tag color={LICENCE_COLOR[state]}>{t(`hra.licence.${state}` as MsgKey)}</Tag>;
}

export function ReportTag({ status }: { status: keyof typeof REPORT_COLOR }) {
  const t = useT();
  return <Tag color={REPORT_COLOR[status]}>{t(`hra.report.${status}` as MsgKey)}</Tag>;
}

export default function HrAgenciesPage() {
  const t = useT();
  const [items, setItems] = useState<AgencySummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [service, setService] = useState<(typeof SERVICES)[number] | undefined>(undefined);

  const load = useCallback(
    async (cursor?: string) => {
      const res = await call("GET /api/hr-agencies", {
        query: {
          ...(q.trim() ? { q: q.trim() } : {}),
          ...(service ? { service } : {}),
          ...(cursor ? { cursor } : {}),
        },
      });
      setItems((prev) => (cursor && prev ? [...prev, ...res.items] : res.items));
      setNext(res.nextCursor);
    },
    [q, service],
  );
  useEffect(() => {
    setItems(null);
    load().catch(() => setItems([]));
  }, [load]);

  const columns: ColumnsType<AgencySummary> = [
    {
      title: t("hra.name"),
      key: "name",
      render: (_, a) => <Link to={`/hr-agencies/${encodeURIComponent(a.id)}`}>{a.name}</Link>,
    },
    {
      title: t("hra.uscc"),
      dataIndex: "uscc",
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t("hra.licence"),
      key: "licence",
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>{a.licenceNo ?? t("hra.licenceNone")}</span>
          <span>
            <LicenceTag state={a.licenceState} /> {a.licenceValidTo ?? ""}
          </span>
        </Space>
      ),
    },
    {
      title: t("hra.services"),
      key: "services",
      render: (_, a) => a.services.map((s) => <Tag key={s}>{s}</Tag>),
    },
    { title: t("hra.contact"), key: "contact", render: (_, a) => `${a.contactName} ${a.contactPhone}` },
    {
      title: t("hra.lastReport"),
      key: "lastReport",
      render: (_, a) =>
        a.lastReport ? (
          <span>
            {a.lastReport.year} <ReportTag status={a.lastReport.status} />
          </span>
        ) : (
          <span className="rc-muted">{t("hra.noReport")}</span>
        ),
    },
    { title: t("hra.status"), key: "status", render: (_, a) => t(`hra.status.${a.status}` as MsgKey) },
  ];

  return (
    <>
      <PageHeader title={t("hra.title")}>{t("hra.intro")}</PageHeader>
      <Card>
        <Space wrap className="rc-mb">
          <Input.Search
            allowClear
            aria-label={t("hra.search")}
            placeholder={t("hra.search")}
            onSearch={(v) => setQ(v)}
            style={{ width: 320 }}
          />
          <Select
            allowClear
            aria-label={t("hra.services")}
            placeholder={t("hra.allServices")}
            style={{ width: 200 }}
            value={service}
            onChange={(v) => setService(v)}
            options={SERVICES.map((s) => ({ value: s, label: s }))}
          />
        </Space>
        <Table<AgencySummary>
          rowKey="id"
          columns={columns}
          dataSource={items ?? []}
          loading={items === null}
          pagination={false}
          locale={{ emptyText: <Empty description={t("hra.none")} /> }}
          scroll={{ x: true }}
        />
        {next ? (
          <div className="rc-mt">
            <Typography.Link onClick={() => load(next)}>{t("hra.more")}</Typography.Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
