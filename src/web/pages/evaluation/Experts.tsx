import { Button, Empty, message, Select, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useCallback, useEffect, useState } from "react";
import { type Answer, call } from "../../api/call";
import { isApiError } from "../../api/client";
import { type MsgKey, useLang, useT } from "../../i18n";

// 专家库 (the office and 市人社局): the pool by discipline, with each expert's status (在库 / 暂停 /
// 退出) changed in place; every change is audited on the server.

type ExpertView = Answer<"GET /api/evaluation/experts">["items"][number];
type Discipline = Answer<"GET /api/evaluation/disciplines">["items"][number];
const STATUSES = ["active", "suspended", "retired"] as const;

export function ExpertPool() {
  const t = useT();
  const { lang } = useLang();
  const [disciplines, setDisciplines] = useState<Discipline[]>([]);
  const [discipline, setDiscipline] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<ExpertView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const names = new Map(disciplines.map((d) => [d.code, d.name]));

  useEffect(() => {
    call("GET /api/evaluation/disciplines", {})
      .then((r) => setDisciplines(r.items))
      .catch(() => undefined);
  }, []);
  const load = useCallback(
    async (cursor?: string) => {
      const res = await call("GET /api/evaluation/experts", {
        query: { ...(discipline ? { discipline } : {}), ...(cursor ? { cursor } : {}), limit: 50 },
      });
      setItems((prev) => (cursor && prev ? [...prev, ...res.items] : res.items));
      setNext(res.nextCursor);
    },
    [discipline],
  );
  useEffect(() => {
    setItems(null);
    load().catch(() => setItems([]));
  }, [load]);

  const setStatus = async (e: ExpertView, status: (typeof STATUSES)[number]) => {
    try {
      const updated = await call(
        "PUT /api/evaluation/experts/:id",
        {
          params: { id: e.id },
          body: {
            name: e.name,
            title: e.title,
            employerId: e.employer?.id ?? null,
            regionCode: e.regionCode,
            status,
            disciplines: e.disciplines,
            relations: e.relations,
            userId: e.userId,
          },
        },
        { quiet: true },
      );
      setItems((prev) => (prev ? prev.map((x) => (x.id === e.id ? updated : x)) : prev));
      message.success(t("ev.saved"));
    } catch (err) {
      if (isApiError(err)) message.error(err.text(lang));
    }
  };

  const columns: ColumnsType<ExpertView> = [
    { title: t("ev.expert"), dataIndex: "name" },
    { title: t("ev.expertTitle"), dataIndex: "title" },
    { title: t("ev.employer"), key: "employer", render: (_, e) => e.employer?.name ?? "—" },
    {
      title: t("ev.disciplines"),
      key: "disciplines",
      render: (_, e) => e.disciplines.map((d) => <Tag key={d}>{names.get(d) ?? d}</Tag>),
    },
    {
      title: t("ev.relations"),
      key: "relations",
      render: (_, e) => (e.relations.length > 0 ? e.relations.length : "—"),
    },
    {
      title: t("ev.status"),
      key: "status",
      render: (_, e) => (
        <Select
          size="small"
          aria-label={t("ev.status")}
          value={e.status}
          style={{ width: 110 }}
          onChange={(v) => setStatus(e, v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`ev.xstatus.${s}` as MsgKey) }))}
        />
      ),
    },
  ];
  return (
    <>
      <Space className="rc-mb">
        <Select
          allowClear
          aria-label={t("ev.disciplines")}
          placeholder={t("ev.disciplines")}
          style={{ width: 220 }}
          value={discipline}
          onChange={(v) => setDiscipline(v)}
          options={disciplines.map((d) => ({ value: d.code, label: d.name }))}
        />
      </Space>
      <Table<ExpertView>
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t("ev.none.experts")} /> }}
      />
      {next ? (
        <Button className="rc-mt" onClick={() => load(next)}>
          {t("ev.more")}
        </Button>
      ) : null}
    </>
  );
}
