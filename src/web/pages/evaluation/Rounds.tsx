import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Modal,
  message,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { type Answer, call } from "../../api/call";
import { isApiError } from "../../api/client";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";
import { ExpertPool } from "./Experts";

// 评审批次 (office, 市人社局): the list, and a round's detail — commitment, revealed seed and snapshot
// hash, the next transition, the panel, avoided pairs with reasons, the results with the numbers,
// reviewer severity and Kendall's W, and the verification of the draw.

type RoundView = Answer<"GET /api/evaluation/rounds">["items"][number];
type Detail = Answer<"GET /api/evaluation/rounds/:id">;
type Results = Answer<"GET /api/evaluation/rounds/:id/results">;

type Step = "open" | "draw" | "start-review" | "close" | "publicise" | "land";
const NEXT: Record<string, { key: Step; label: MsgKey } | undefined> = {
  draft: { key: "open", label: "ev.open" },
  open: { key: "draw", label: "ev.draw" },
  drawn: { key: "start-review", label: "ev.startReview" },
  reviewing: { key: "close", label: "ev.close" },
  closed: { key: "publicise", label: "ev.publicise" },
  publicised: { key: "land", label: "ev.land" },
};

function RoundDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [d, setD] = useState<Detail | null>(null);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const detail = await call("GET /api/evaluation/rounds/:id", { params: { id } });
    setD(detail);
    setResults(
      ["reviewing", "closed", "publicised"].includes(detail.status)
        ? await call("GET /api/evaluation/rounds/:id/results", { params: { id } })
        : null,
    );
  }, [id]);
  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);
  const advance = async (key: Step) => {
    setError(null);
    try {
      if (key === "open")
        await call("POST /api/evaluation/rounds/:id/open", { params: { id } }, { quiet: true });
      if (key === "draw")
        await call("POST /api/evaluation/rounds/:id/draw", { params: { id } }, { quiet: true });
      if (key === "start-review")
        await call("POST /api/evaluation/rounds/:id/start-review", { params: { id } }, { quiet: true });
      if (key === "close")
        await call("POST /api/evaluation/rounds/:id/close", { params: { id } }, { quiet: true });
      await load();
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    }
  };
  const [deciding, setDeciding] = useState<string | null>(null);
  const [decision, setDecision] = useState<"pass" | "fail">("pass");
  const [reason, setReason] = useState("");
  const decide = async () => {
    if (!deciding) return;
    setError(null);
    try {
      setResults(
        await call(
          "POST /api/evaluation/rounds/:id/candidates/:candidateId/decision",
          { params: { id, candidateId: deciding }, body: { decision, reason } },
          { quiet: true },
        ),
      );
      setDeciding(null);
      setReason("");
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
      setDeciding(null);
    }
  };
  const verify = async () => {
    const v = await call("GET /api/evaluation/rounds/:id/verify", { params: { id } });
    if (v.equal) message.success(t("ev.verified"));
    else message.error(t("ev.notVerified"));
  };
  const expertName = new Map((d?.panel ?? []).map((s) => [s.expertId, s.expertName]));
  const candidateName = new Map((d?.candidates ?? []).map((c) => [c.id, c.name]));
  const next = d ? NEXT[d.status] : undefined;
  return (
    <Drawer open width={900} title={d?.name ?? ""} onClose={onClose} destroyOnHidden>
      <Modal
        open={deciding !== null}
        title={t("ev.decideTitle", { name: deciding ? (candidateName.get(deciding) ?? "") : "" })}
        okButtonProps={{ disabled: reason.trim().length < 5 }}
        onOk={() => decide().catch(() => undefined)}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <p className="rc-muted">{t("ev.decideHelp")}</p>
        <Radio.Group className="rc-mb" value={decision} onChange={(e) => setDecision(e.target.value)}>
          <Radio value="pass">{t("ev.decision.pass")}</Radio>
          <Radio value="fail">{t("ev.decision.fail")}</Radio>
        </Radio.Group>
        <Input.TextArea
          aria-label={t("ev.reason")}
          placeholder={t("ev.reason")}
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
      {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
      {d ? (
        <>
          <Descriptions size="small" column={1} bordered className="rc-mb">
            <Descriptions.Item label={t("ev.status")}>
              {t(`ev.rstatus.${d.status}` as MsgKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t("ev.commitment")}>
              <Typography.Text code copyable={!!d.commitment}>
                {d.commitment ?? "—"}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("ev.seed")}>
              <Typography.Text code>{d.seed ?? "—"}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("ev.snapshotHash")}>
              <Typography.Text code>{d.snapshotHash ?? "—"}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Space className="rc-mb">
            {next ? (
              <Button type="primary" onClick={() => advance(next.key)}>
                {t(next.label)}
              </Button>
            ) : null}
            {d.seed ? (
              <Button onClick={() => verify().catch(() => undefined)}>{t("ev.verify")}</Button>
            ) : null}
          </Space>
          <Typography.Title level={5}>{t("ev.panel")}</Typography.Title>
          <Table
            size="small"
            rowKey="assignmentId"
            pagination={false}
            dataSource={d.panel}
            columns={[
              { title: t("ev.candidate"), key: "c", render: (_, s) => candidateName.get(s.candidateId) },
              { title: t("ev.seat"), dataIndex: "seat", render: (v: number) => v + 1 },
              { title: t("ev.expert"), dataIndex: "expertName" },
              { title: "", dataIndex: "source", render: (v: string) => t(`ev.source.${v}` as MsgKey) },
              {
                title: t("ev.status"),
                dataIndex: "status",
                render: (v: string) => t(`ev.status.${v}` as MsgKey),
              },
            ]}
          />
          <Typography.Title level={5} className="rc-mt">
            {t("ev.avoided")}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(v) => `${v.candidateId}|${v.expertId}|${v.reason}`}
            pagination={false}
            dataSource={d.avoided}
            columns={[
              { title: t("ev.candidate"), key: "c", render: (_, v) => candidateName.get(v.candidateId) },
              { title: t("ev.expert"), dataIndex: "expertName" },
              {
                title: t("ev.reason"),
                dataIndex: "reason",
                render: (v: string) => t(`ev.reason.${v}` as MsgKey),
              },
            ]}
          />
          {results ? (
            <>
              <Typography.Title level={5} className="rc-mt">
                {t("ev.results")}
              </Typography.Title>
              <Table
                size="small"
                rowKey="candidateId"
                pagination={false}
                dataSource={results.candidates}
                columns={[
                  { title: t("ev.candidate"), key: "c", render: (_, r) => candidateName.get(r.candidateId) },
                  { title: t("ev.mean"), dataIndex: "mean" },
                  { title: t("ev.trimmedMean"), dataIndex: "trimmedMean" },
                  { title: t("ev.votes"), key: "v", render: (_, r) => `${r.yes}/${r.no}` },
                  { title: t("ev.rank"), dataIndex: "rank" },
                  {
                    title: t("ev.decision"),
                    key: "d",
                    render: (_, r) => (
                      <span title={lang === "en" ? r.explanation.en : r.explanation.zh}>
                        <Tag
                          color={
                            r.decision === "pass" ? "green" : r.decision === "tie" ? "orange" : "default"
                          }
                        >
                          {t(`ev.decision.${r.decision}` as MsgKey)}
                        </Tag>
                        {lang === "en" ? r.explanation.en : r.explanation.zh}
                        {r.override ? (
                          <div className="rc-muted">
                            {t("ev.overridden")}：{r.override.reason}
                          </div>
                        ) : null}
                      </span>
                    ),
                  },
                  ...(d.status === "closed" || d.status === "publicised"
                    ? [
                        {
                          title: "",
                          key: "decide",
                          render: (_: unknown, r: Results["candidates"][number]) => (
                            <Button size="small" onClick={() => setDeciding(r.candidateId)}>
                              {t("ev.decide")}
                            </Button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              <Typography.Title level={5} className="rc-mt">
                {t("ev.severity")}
              </Typography.Title>
              <Table
                size="small"
                rowKey="expertId"
                pagination={false}
                dataSource={results.severity}
                columns={[
                  {
                    title: t("ev.expert"),
                    key: "e",
                    render: (_, s) => s.expertName || expertName.get(s.expertId),
                  },
                  { title: "n", dataIndex: "count" },
                  { title: t("ev.mean"), dataIndex: "meanDeviation" },
                ]}
              />
              <p className="rc-mt">
                {t("ev.kendall")}: <strong>{results.agreement.kendallW ?? "—"}</strong>
              </p>
            </>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

export default function RoundsPage() {
  const t = useT();
  const [items, setItems] = useState<RoundView[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(async () => {
    setItems((await call("GET /api/evaluation/rounds", {})).items);
  }, []);
  useEffect(() => {
    load().catch(() => setItems([]));
  }, [load]);
  const columns: ColumnsType<RoundView> = [
    { title: t("ev.name"), dataIndex: "name" },
    { title: t("ev.kind"), dataIndex: "kind", render: (v: string) => t(`ev.kind.${v}` as MsgKey) },
    { title: t("ev.owner"), key: "owner", render: (_, r) => r.owner.name },
    { title: t("ev.candidates"), dataIndex: "candidateCount" },
    { title: t("ev.panelSize"), dataIndex: "panelSize" },
    {
      title: t("ev.status"),
      dataIndex: "status",
      render: (v: string) => <Tag>{t(`ev.rstatus.${v}` as MsgKey)}</Tag>,
    },
    {
      title: "",
      key: "a",
      render: (_, r) => (
        <Button size="small" onClick={() => setOpen(r.id)}>
          {t("ev.detail")}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("ev.roundsTitle")} />
      <p className="rc-muted">{t("ev.roundsIntro")}</p>
      <Card variant="borderless">
        <Tabs
          items={[
            {
              key: "rounds",
              label: t("ev.tab.rounds"),
              children: (
                <Table<RoundView>
                  rowKey="id"
                  loading={items === null}
                  dataSource={items ?? []}
                  columns={columns}
                  pagination={false}
                  scroll={{ x: true }}
                  locale={{ emptyText: <Empty description={t("ev.none.rounds")} /> }}
                />
              ),
            },
            { key: "pool", label: t("ev.tab.pool"), children: <ExpertPool /> },
          ]}
        />
      </Card>
      {open ? (
        <RoundDrawer
          id={open}
          onClose={() => {
            setOpen(null);
            load().catch(() => undefined);
          }}
        />
      ) : null}
    </>
  );
}
