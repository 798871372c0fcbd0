// The talent office's rule sets: each named rule (the tier rules first) with its current version.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Table, type TableColumnsType, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { type RuleSetVersion, registryApi } from "../../api/registry";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { kindLabel } from "./rule-view";

type Row = RuleSetVersion & { versions: number };

export default function RuleSetsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [items, setItems] = useState<Row[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    registryApi
      .ruleSets({ signal: ctrl.signal })
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
    return () => ctrl.abort();
  }, []);
  const columns: TableColumnsType<Row> = [
    {
      title: t("registry.rules.title"),
      dataIndex: "title",
      render: (v: string, r) => <Link to={`/registry/rules/${encodeURIComponent(r.code)}`}>{v}</Link>,
    },
    { title: t("registry.rules.code"), dataIndex: "code", render: (v: string) => <code>{v}</code> },
    {
      title: t("registry.rules.kind"),
      dataIndex: "kind",
      render: (v: string) => <Tag>{kindLabel(t, v)}</Tag>,
    },
    { title: t("registry.rules.latest"), dataIndex: "version", render: (v: number) => `v${v}` },
    { title: t("registry.rules.updatedAt"), dataIndex: "createdAt", render: (v: string) => fmtTime(v) },
  ];
  return (
    <>
      <PageHeader
        title={t("registry.rules")}
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate("/registry/talents")}>
            {t("registry.talents")}
          </Button>
        }
      >
        {t("registry.rulesIntro")}
      </PageHeader>
      <Card variant="borderless">
        <Table<Row>
          rowKey="code"
          className="rc-rule-sets"
          loading={items === null}
          dataSource={items ?? []}
          columns={columns}
          pagination={false}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/registry/rules/${encodeURIComponent(r.code)}`) })}
        />
      </Card>
    </>
  );
}
