import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { type Answer, call } from "../../api/call";
import { isApiError } from "../../api/client";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtMoney } from "../../lib/money";
import { LicenceTag, ReportTag } from "./HrAgencies";

// One agency: its record, annual reports (the agency submits; the department accepts or returns with a
// note) and, for the department and the office, its 政府购买服务 contracts. `mine`: the agency's own
// account (本机构), which sees no contracts.

type Detail = Answer<"GET /api/hr-agencies/:id">;
type Report = Detail["reports"][number];
type Contract = NonNullable<Detail["contracts"]>[number];
const CONTRACT_STATUSES = ["signed", "in_progress", "accepted", "terminated"] as const;

const yuanToFen = (yuan: number) => Math.round(yuan * 100);

function ReportForm({ agency, onDone }: { agency: Detail; onDone: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastYear = new Date().getFullYear() - 1;
  const submit = async (v: {
    year: number;
    staffCount: number;
    servedPersons: number;
    placements: number;
    revenueYuan: number;
    summary: string;
  }) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        "PUT /api/hr-agencies/:id/reports/:year",
        {
          params: { id: agency.id, year: v.year },
          body: {
            staffCount: v.staffCount,
            servedPersons: v.servedPersons,
            placements: v.placements,
            revenueFen: yuanToFen(v.revenueYuan),
            summary: v.summary,
          },
        },
        { quiet: true },
      );
      message.success(t("hra.saved"));
      onDone();
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("hra.submitReport")} className="rc-mt">
      {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
      <Form layout="inline" onFinish={submit} initialValues={{ year: lastYear }}>
        <Form.Item name="year" label={t("hra.reportYear")} rules={[{ required: true }]}>
          <InputNumber min={2000} max={lastYear + 1} />
        </Form.Item>
        <Form.Item name="staffCount" label={t("hra.staff")} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="servedPersons" label={t("hra.served")} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="placements" label={t("hra.placements")} rules={[{ required: true }]}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="revenueYuan" label={t("hra.revenueYuan")} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} />
        </Form.Item>
        <Form.Item name="summary" label={t("hra.summary")} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={2} maxLength={5000} style={{ width: 360 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t("hra.submitReport")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function ReviewButtons({ agency, report, onDone }: { agency: Detail; report: Report; onDone: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const review = async (decision: "accept" | "return") => {
    try {
      await call(
        "POST /api/hr-agencies/:id/reports/:year/review",
        {
          params: { id: agency.id, year: report.year },
          body: { decision, ...(note.trim() ? { note } : {}) },
        },
        { quiet: true },
      );
      setOpen(false);
      onDone();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    }
  };
  if (report.status !== "submitted") return null;
  return (
    <Space>
      <Button size="small" type="primary" onClick={() => review("accept")}>
        {t("hra.accept")}
      </Button>
      <Button size="small" onClick={() => setOpen(true)}>
        {t("hra.return")}
      </Button>
      <Modal
        open={open}
        title={t("hra.return")}
        okButtonProps={{ disabled: note.trim().length === 0 }}
        onOk={() => review("return")}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t("hra.returnNote")}
          placeholder={t("hra.returnNote")}
          rows={3}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Space>
  );
}

function ContractForm({ agency, onDone }: { agency: Detail; onDone: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: {
    title: string;
    amountYuan: number;
    period: [Dayjs, Dayjs];
    deliverables: string;
  }) => {
    setError(null);
    try {
      await call(
        "POST /api/hr-agencies/:id/contracts",
        {
          params: { id: agency.id },
          body: {
            title: v.title,
            amountFen: yuanToFen(v.amountYuan),
            periodFrom: v.period[0].format("YYYY-MM-DD"),
            periodTo: v.period[1].format("YYYY-MM-DD"),
            deliverables: v.deliverables,
          },
        },
        { quiet: true },
      );
      message.success(t("hra.saved"));
      onDone();
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    }
  };
  return (
    <Card title={t("hra.addContract")} size="small" className="rc-mt">
      {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
      <Form layout="inline" onFinish={submit}>
        <Form.Item name="title" label={t("hra.contractTitle")} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={200} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t("hra.amountYuan")} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} />
        </Form.Item>
        <Form.Item name="period" label={t("hra.period")} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="deliverables" label={t("hra.deliverables")} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={2} maxLength={5000} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t("hra.addContract")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function HrAgencyPage({ mine }: { mine: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { id = "" } = useParams();
  const [agency, setAgency] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setAgency(
        mine
          ? await call("GET /api/hr-agencies/mine", {}, { quiet: true })
          : await call("GET /api/hr-agencies/:id", { params: { id } }),
      );
    } catch (e) {
      setError(isApiError(e) ? e.text(lang) : t("hra.notLinked"));
    }
  }, [mine, id, lang, t]);
  useEffect(() => {
    load();
  }, [load]);

  const setContractStatus = async (c: Contract, status: Contract["status"]) => {
    try {
      await call(
        "PATCH /api/hr-agencies/contracts/:id",
        { params: { id: c.id }, body: { status } },
        { quiet: true },
      );
      load();
    } catch (e) {
      if (isApiError(e)) message.error(e.text(lang));
    }
  };

  const title = mine ? t("hra.mineTitle") : (agency?.name ?? t("hra.title"));
  if (error)
    return (
      <>
        <PageHeader title={title} />
        <Alert type="warning" showIcon message={error} />
      </>
    );
  if (!agency) return <PageHeader title={title} />;

  const reportColumns: ColumnsType<Report> = [
    { title: t("hra.year"), dataIndex: "year" },
    { title: t("hra.status"), key: "status", render: (_, r) => <ReportTag status={r.status} /> },
    { title: t("hra.staff"), dataIndex: "staffCount" },
    { title: t("hra.served"), dataIndex: "servedPersons" },
    { title: t("hra.placements"), dataIndex: "placements" },
    { title: t("hra.revenue"), key: "revenue", render: (_, r) => fmtMoney(r.revenueFen) },
    { title: t("hra.summary"), dataIndex: "summary" },
    { title: t("hra.source"), key: "source", render: (_, r) => t(`hra.source.${r.source}` as MsgKey) },
    { title: t("hra.reviewNote"), key: "note", render: (_, r) => r.reviewNote ?? "" },
    ...(agency.abilities.manage
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, r: Report) => <ReviewButtons agency={agency} report={r} onDone={load} />,
          },
        ]
      : []),
  ];
  const contractColumns: ColumnsType<Contract> = [
    { title: t("hra.contractTitle"), dataIndex: "title" },
    { title: t("hra.amount"), key: "amount", render: (_, c) => fmtMoney(c.amountFen) },
    { title: t("hra.period"), key: "period", render: (_, c) => `${c.periodFrom} ~ ${c.periodTo}` },
    { title: t("hra.deliverables"), dataIndex: "deliverables" },
    {
      title: t("hra.status"),
      key: "status",
      render: (_, c) =>
        agency.abilities.manage && (c.status === "signed" || c.status === "in_progress") ? (
          <Select
            size="small"
            aria-label={t("hra.setStatus")}
            value={c.status}
            style={{ width: 120 }}
            onChange={(v) => setContractStatus(c, v)}
            options={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`hra.contract.${s}` as MsgKey) }))}
          />
        ) : (
          <Tag>{t(`hra.contract.${c.status}` as MsgKey)}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={title} extra={mine ? null : <Link to="/hr-agencies">{t("hra.back")}</Link>}>
        {mine ? t("hra.mineIntro") : null}
      </PageHeader>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t("hra.name")}>{agency.name}</Descriptions.Item>
          <Descriptions.Item label={t("hra.uscc")}>{agency.uscc}</Descriptions.Item>
          <Descriptions.Item label={t("hra.licence")}>
            {agency.licenceNo ?? t("hra.licenceNone")}
          </Descriptions.Item>
          <Descriptions.Item label={t("hra.licenceValid")}>
            {agency.licenceValidFrom ?? ""} ~ {agency.licenceValidTo ?? ""}{" "}
            <LicenceTag state={agency.licenceState} />
          </Descriptions.Item>
          <Descriptions.Item label={t("hra.services")}>
            {agency.services.map((s) => (
              <Tag key={s}>{s}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("hra.status")}>
            {t(`hra.status.${agency.status}` as MsgKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t("hra.contact")}>{agency.contactName}</Descriptions.Item>
          <Descriptions.Item label={t("hra.phone")}>{agency.contactPhone}</Descriptions.Item>
          <Descriptions.Item label={t("hra.address")}>{agency.address ?? ""}</Descriptions.Item>
          <Descriptions.Item label={t("hra.authority")}>{agency.authority.name}</Descriptions.Item>
          {agency.org ? <Descriptions.Item label={t("hra.org")}>{agency.org.name}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t("hra.reports")} className="rc-mt">
        <Table<Report>
          rowKey="id"
          columns={reportColumns}
          dataSource={agency.reports}
          pagination={false}
          scroll={{ x: true }}
        />
      </Card>
      {agency.abilities.report ? <ReportForm agency={agency} onDone={load} /> : null}
      {agency.contracts !== null ? (
        <Card title={t("hra.contracts")} className="rc-mt">
          <Table<Contract>
            rowKey="id"
            columns={contractColumns}
            dataSource={agency.contracts}
            pagination={false}
            scroll={{ x: true }}
          />
          {agency.abilities.manage ? <ContractForm agency={agency} onDone={load} /> : null}
        </Card>
      ) : null}
    </>
  );
}
