import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Radio,
  Space,
  Table,
  Tag,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { type Answer, call } from "../../api/call";
import { isApiError } from "../../api/client";
import { PageHeader } from "../../components/PageHeader";
import { type MsgKey, useLang, useT } from "../../i18n";

// 我的评审: the expert's own seats (blind: no other expert's score is ever shown), the score form
// (locked on submit; a reason for extreme totals) and the conflict declaration.

type AssignmentView = Answer<"GET /api/evaluation/my-assignments">["items"][number];

function ScoreModal({ a, onClose }: { a: AssignmentView; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [vote, setVote] = useState<"yes" | "no" | null>(null);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const weights = a.scoreSheet.reduce((s, c) => s + c.weight, 0);
  const total =
    Math.round((a.scoreSheet.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0) / weights) * 100) / 100;
  const complete =
    a.scoreSheet.every((c) => typeof scores[c.key] === "number") && (!a.needsVote || vote !== null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(
        "POST /api/evaluation/assignments/:id/score",
        {
          params: { id: a.id },
          body: {
            scores: Object.fromEntries(a.scoreSheet.map((c) => [c.key, scores[c.key] ?? 0])),
            vote,
            comment: comment || null,
            extremeReason: reason || null,
          },
        },
        { quiet: true },
      );
      message.success(t("ev.submitted"));
      onClose(true);
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("ev.scoreTitle", { name: a.candidate.name })}
      okText={t("ev.submit")}
      okButtonProps={{ disabled: !complete, loading: busy }}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
      <Form layout="vertical">
        <p className="rc-muted">{t("ev.criterionHelp")}</p>
        {a.scoreSheet.map((c) => (
          <Form.Item key={c.key} label={`${c.name}（${c.weight}%）`}>
            <InputNumber
              aria-label={c.name}
              min={0}
              max={100}
              value={scores[c.key] ?? null}
              onChange={(v) => setScores((s) => ({ ...s, [c.key]: typeof v === "number" ? v : null }))}
            />
          </Form.Item>
        ))}
        <Form.Item label={t("ev.total")}>
          <strong>{total}</strong>
        </Form.Item>
        {a.needsVote ? (
          <Form.Item label={t("ev.vote")}>
            <Radio.Group value={vote} onChange={(e) => setVote(e.target.value)}>
              <Radio value="yes">{t("ev.vote.yes")}</Radio>
              <Radio value="no">{t("ev.vote.no")}</Radio>
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item label={t("ev.comment")}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
        {total < 60 || total > 95 ? (
          <Form.Item label={t("ev.extremeReason")} required>
            <Input.TextArea
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function ConflictModal({ a, onClose }: { a: AssignmentView; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await call(
        "POST /api/evaluation/assignments/:id/conflict",
        { params: { id: a.id }, body: { reason } },
        { quiet: true },
      );
      message.success(t("ev.conflictDone"));
      onClose(true);
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    }
  };
  return (
    <Modal
      open
      title={t("ev.conflictTitle", { name: a.candidate.name })}
      okText={t("ev.conflict")}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p className="rc-muted">{t("ev.conflictHelp")}</p>
      {error ? <Alert type="error" showIcon message={error} role="alert" className="rc-mb" /> : null}
      <Input.TextArea
        aria-label={t("ev.conflictReason")}
        placeholder={t("ev.conflictReason")}
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

export default function MyReviewsPage() {
  const t = useT();
  const [items, setItems] = useState<AssignmentView[] | null>(null);
  const [scoring, setScoring] = useState<AssignmentView | null>(null);
  const [declaring, setDeclaring] = useState<AssignmentView | null>(null);
  const load = useCallback(async () => {
    const res = await call("GET /api/evaluation/my-assignments", {});
    setItems(res.items);
  }, []);
  useEffect(() => {
    load().catch(() => setItems([]));
  }, [load]);
  const done = (changed: boolean) => {
    setScoring(null);
    setDeclaring(null);
    if (changed) load().catch(() => undefined);
  };
  const columns: ColumnsType<AssignmentView> = [
    { title: t("ev.round"), dataIndex: "roundName" },
    { title: t("ev.candidate"), key: "candidate", render: (_, a) => a.candidate.name },
    {
      title: t("ev.titles"),
      key: "titles",
      render: (_, a) => a.candidate.titles.map((x) => `${x.name}（${x.level}）`).join("，") || "—",
    },
    {
      title: t("ev.status"),
      key: "status",
      render: (_, a) => (
        <Tag color={a.status === "submitted" ? "green" : "blue"}>{t(`ev.status.${a.status}` as MsgKey)}</Tag>
      ),
    },
    { title: t("ev.total"), key: "total", render: (_, a) => (a.mine ? a.mine.total : "—") },
    {
      title: "",
      key: "actions",
      render: (_, a) =>
        a.status === "invited" ? (
          <Space>
            <Button size="small" type="primary" onClick={() => setScoring(a)}>
              {t("ev.score")}
            </Button>
            <Button size="small" danger onClick={() => setDeclaring(a)}>
              {t("ev.conflict")}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t("ev.mineTitle")} />
      <p className="rc-muted">{t("ev.mineIntro")}</p>
      <Card variant="borderless">
        <Table<AssignmentView>
          rowKey="id"
          loading={items === null}
          dataSource={items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t("ev.none")} /> }}
        />
      </Card>
      {scoring ? <ScoreModal a={scoring} onClose={done} /> : null}
      {declaring ? <ConflictModal a={declaring} onClose={done} /> : null}
    </>
  );
}
