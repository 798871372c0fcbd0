// 权力清单 / 责任清单: views of the published catalogue — per item its kind, authority, legal basis,
// time limit, fee and the responsible units.
import { Card, Table, type TableColumnsType, Tabs } from "antd";
import { useEffect, useState } from "react";
import { catalogueApi, type PowerListRow } from "../../api/services";
import { PageHeader } from "../../components/PageHeader";
import { pick, useLang, useT } from "../../i18n";
import { feeText } from "./parts";
import "./services.css";

export default function ListsPage() {
  const t = useT();
  const { lang } = useLang();
  const [rows, setRows] = useState<PowerListRow[] | null>(null);

  useEffect(() => {
    catalogueApi
      .powerList()
      .then((r) => setRows(r.items))
      .catch(() => setRows([]));
  }, []);

  const columns: TableColumnsType<PowerListRow> = [
    {
      title: t("catalogue.code"),
      key: "code",
      render: (_, r) => <span className="rc-mono rc-nowrap">{r.code}</span>,
    },
    {
      title: t("catalogue.name"),
      key: "name",
      render: (_, r) => <span className="rc-strong">{r.name}</span>,
    },
    {
      title: t("catalogue.kind"),
      key: "kind",
      render: (_, r) => <span className="rc-nowrap">{pick(lang, r.kindLabel)}</span>,
    },
    { title: t("lists.authority"), key: "authority", render: (_, r) => r.authority },
    {
      title: t("catalogue.legalBasis"),
      key: "basis",
      render: (_, r) => <div className="rc-lists-basis">{r.legalBasis || t("common.none")}</div>,
    },
    {
      title: t("catalogue.promisedDays"),
      key: "days",
      render: (_, r) => <span className="rc-nowrap">{t("case.workingDays", { n: r.promisedDays })}</span>,
    },
    {
      title: t("catalogue.fee"),
      key: "fee",
      render: (_, r) => <span className="rc-nowrap">{feeText(t, r.feeFen)}</span>,
    },
    {
      title: t("lists.responsible"),
      key: "units",
      render: (_, r) => <div className="rc-lists-units">{r.responsibleUnits.join(t("common.listSep"))}</div>,
    },
  ];

  const table = (list: PowerListRow["list"]) => (
    <Table<PowerListRow>
      rowKey="code"
      columns={columns}
      dataSource={(rows ?? []).filter((r) => r.list === list)}
      loading={rows === null}
      pagination={false}
      size="middle"
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("lists.empty") }}
    />
  );

  return (
    <>
      <PageHeader title={t("lists.title")}>{t("lists.intro")}</PageHeader>
      <Card variant="borderless">
        <Tabs
          items={[
            { key: "power", label: t("lists.power"), children: table("power") },
            { key: "responsibility", label: t("lists.responsibility"), children: table("responsibility") },
          ]}
        />
      </Card>
    </>
  );
}
