// 事项管理: the talent office's service items, drafts and published versions together.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, type TableColumnsType, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { catalogueApi, type ManagedItem } from "../../api/services";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { KindTag } from "./parts";

export default function CataloguePage() {
  const t = useT();
  const navigate = useNavigate();
  const [items, setItems] = useState<ManagedItem[] | null>(null);

  useEffect(() => {
    catalogueApi
      .managed()
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, []);

  const columns: TableColumnsType<ManagedItem> = [
    {
      title: t("catalogue.code"),
      key: "code",
      render: (_, i) => <span className="rc-mono rc-nowrap">{i.code}</span>,
    },
    {
      title: t("catalogue.name"),
      key: "name",
      render: (_, i) => <Link to={`/services/catalogue/${i.id}`}>{i.name}</Link>,
    },
    { title: t("catalogue.kind"), key: "kind", render: (_, i) => <KindTag kind={i.kind} /> },
    { title: t("catalogue.owner"), key: "owner", render: (_, i) => i.ownerOrg.name },
    {
      title: t("catalogue.version"),
      key: "version",
      render: (_, i) => (
        <Space size={4} wrap>
          {i.currentVersion ? (
            <Tag color="success">{t("catalogue.publishedVersion", { n: i.currentVersion })}</Tag>
          ) : (
            <Tag>{t("catalogue.unpublished")}</Tag>
          )}
          {i.draft && i.currentVersion ? <Tag color="warning">{t("catalogue.hasDraft")}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t("catalogue.updatedAt"),
      key: "updated",
      responsive: ["lg"],
      render: (_, i) => <span className="rc-nowrap">{fmtTime(i.updatedAt)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("catalogue.title")}
        extra={
          <Space wrap>
            <Link to="/services/lists">{t("lists.title")}</Link>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate("/services/catalogue/new")}
            >
              {t("catalogue.new")}
            </Button>
          </Space>
        }
      >
        {t("catalogue.intro")}
      </PageHeader>
      <Card variant="borderless">
        <Table<ManagedItem>
          rowKey="id"
          columns={columns}
          dataSource={items ?? []}
          loading={items === null}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("catalogue.empty") }}
        />
      </Card>
    </>
  );
}
