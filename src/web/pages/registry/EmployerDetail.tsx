import { App as AntApp, Card, Descriptions, Table, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import { type Employer, registryApi, type TalentSummary, type Tier } from "../../api/registry";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { LoadingPage, MissingPage } from "../../components/PageStates";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";
import { TierTag } from "./parts";

function Staff({ employerId }: { employerId: string }) {
  const t = useT();
  const list = useCursorList<TalentSummary>(
    (cursor) => registryApi.talents({ employerId, cursor, limit: 30 }),
    employerId,
  );
  const columns: TableColumnsType<TalentSummary> = [
    {
      title: t("registry.name"),
      key: "name",
      render: (_, r) => <Link to={`/registry/talents/${r.id}`}>{r.name}</Link>,
    },
    {
      title: t("registry.idNumber"),
      dataIndex: "idNumberMasked",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    { title: t("registry.tier"), dataIndex: "tier", render: (v: Tier | null) => <TierTag tier={v} /> },
  ];
  return (
    <Card variant="borderless" title={t("registry.staff")}>
      <Table<TalentSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        pagination={false}
        size="small"
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasMore}
        loading={list.loading}
        onMore={list.loadMore}
      />
    </Card>
  );
}

/** An employer's record; `/registry/employers/mine` shows the signed-in employer's own. */
export default function EmployerDetailPage() {
  const { id = "mine" } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [employer, setEmployer] = useState<Employer | null>(null);
  const [missing, setMissing] = useState(false);
  const load = useCallback(async () => {
    try {
      setEmployer(
        await (id === "mine"
          ? registryApi.myEmployer({ quiet: true })
          : registryApi.employer(id, { quiet: true })),
      );
    } catch (e) {
      if (isApiError(e) && e.status === 404) setMissing(true);
      else if (isApiError(e)) message.error(e.text(lang));
    }
  }, [id, lang, message]);
  useEffect(() => {
    load();
  }, [load]);
  if (missing)
    return (
      <MissingPage
        title={t("registry.employers")}
        body={t("registry.employerMissing")}
        backTo="/registry/employers"
        backLabel={t("registry.employersBack")}
      />
    );
  if (!employer) return <LoadingPage title={t("registry.employers")} />;
  return (
    <>
      <PageHeader title={employer.name} />
      <Card variant="borderless">
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("registry.uscc")}>
            <span className="rc-mono">{employer.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("registry.employerKind")}>
            {t(`registry.kind.${employer.kind}` as MsgKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t("registry.industry")}>{employer.industry ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("registry.region")}>{employer.regionCode ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("registry.contact")}>
            {employer.contactName ?? "—"} <span className="rc-mono">{employer.contactPhoneMasked ?? ""}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("registry.staffCount")}>{employer.staffCount}</Descriptions.Item>
          <Descriptions.Item label={t("registry.updatedAt")}>{fmtTime(employer.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {employer.abilities.readStaff ? <Staff employerId={employer.id} /> : null}
    </>
  );
}
