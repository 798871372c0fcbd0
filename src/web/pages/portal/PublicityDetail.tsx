// One publicity notice: its masked list and the objections, each answered once by the owning unit.
import { App as AntApp, Button, Card, Descriptions, Empty, Input, List, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type NoticeDetail, type Objection, publicityApi } from "../../api/portal";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { chinaDay, NoticeState } from "./Publicity";

function AnswerBox({
  noticeId,
  objection,
  onDone,
}: {
  noticeId: string;
  objection: Objection;
  onDone: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await publicityApi.answer(noticeId, objection.id, text);
      message.success(t("publicity.answered"));
      onDone();
    } catch (e) {
      if (isApiError(e)) setError(e.fieldErrors[0] ? e.fieldErrors[0].message[lang] : e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  const id = `answer-${objection.id}`;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <label htmlFor={id} className="rc-strong">
        {t("publicity.answer")}
      </label>
      <Input.TextArea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("publicity.answerPlaceholder")}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={5000}
        status={error ? "error" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <div id={`${id}-error`} role="alert" className="rc-error-text">
          {error}
        </div>
      ) : null}
      <Button type="primary" onClick={submit} loading={busy} disabled={text.trim() === ""}>
        {t("publicity.answer")}
      </Button>
    </Space>
  );
}

export default function PublicityDetailPage() {
  const t = useT();
  const { id = "" } = useParams();
  const [detail, setDetail] = useState<NoticeDetail | null>(null);
  const [state, setState] = useState<"loading" | "missing" | "ready">("loading");
  const load = useCallback(() => {
    publicityApi
      .get(id)
      .then((d) => {
        setDetail(d);
        setState("ready");
      })
      .catch((e) => {
        if (isApiError(e) && e.status === 404) setState("missing");
      });
  }, [id]);
  useEffect(load, [load]);

  if (state === "missing")
    return (
      <MissingPage
        title={t("publicity.notice")}
        body={t("publicity.missing")}
        backTo="/publicity"
        backLabel={t("publicity.back")}
      />
    );
  if (state === "loading" || !detail) return <LoadingPage title={t("publicity.notice")} />;
  const n = detail.notice;
  return (
    <>
      <PageHeader
        title={n.title}
        extra={
          <Space wrap>
            <a href={`/portal/publicity/${n.id}`} target="_blank" rel="noreferrer">
              {t("publicity.publicPage")}
            </a>
            <Link to="/publicity">{t("publicity.back")}</Link>
          </Space>
        }
      />
      <Card className="rc-mb">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("publicity.period")}>
            {chinaDay(n.startsAt)} – {chinaDay(n.endsAt, -1)}
          </Descriptions.Item>
          <Descriptions.Item label={t("common.status")}>
            <NoticeState notice={n} />
          </Descriptions.Item>
        </Descriptions>
        {detail.body ? <p>{detail.body}</p> : null}
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          caption={t("publicity.entries")}
          dataSource={detail.entries}
          columns={[
            { title: t("publicity.name"), dataIndex: "name", key: "name" },
            { title: t("publicity.detail"), dataIndex: "detail", key: "detail" },
          ]}
        />
      </Card>
      <Card title={t("publicity.objections")}>
        {detail.objections.length === 0 ? (
          <Empty description={t("publicity.noObjections")} />
        ) : (
          <List
            dataSource={detail.objections}
            renderItem={(o) => (
              <List.Item key={o.id}>
                <div style={{ width: "100%" }}>
                  <Space wrap>
                    <Tag color={o.status === "open" ? "warning" : "success"}>
                      {t(o.status === "open" ? "publicity.open" : "publicity.answered")}
                    </Tag>
                    <span>
                      {t("publicity.objector")}：{o.name}
                    </span>
                    <span>
                      {t("publicity.contact")}：{o.contact}
                    </span>
                    <span className="rc-muted">
                      {t("publicity.lodgedAt")}：{fmtTime(o.createdAt)}
                    </span>
                  </Space>
                  <p className="rc-cell-text">
                    {t("publicity.reason")}：{o.reason}
                  </p>
                  {o.answer ? (
                    <div className="rc-review">
                      <div className="rc-muted rc-small">
                        {o.answeredBy?.name} · {fmtTime(o.answeredAt)}
                      </div>
                      <p className="rc-cell-text">{o.answer}</p>
                    </div>
                  ) : n.abilities.answer ? (
                    <AnswerBox noticeId={n.id} objection={o} onDone={load} />
                  ) : null}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
