import { Card, Collapse, Empty, Space } from "antd";
import { useEffect, useState } from "react";
import type { Entitlement } from "../../api/funds";
import { type EntitlementDetail, fundsApi } from "../../api/funds";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { useCursorList } from "../../lib/useCursorList";
import { EntitlementView } from "./Entitlement";
import { EntitlementTag, Money } from "./parts";

function Detail({ id }: { id: string }) {
  const [e, setE] = useState<EntitlementDetail | null>(null);
  useEffect(() => {
    fundsApi.entitlement(id).then(setE, () => undefined);
  }, [id]);
  return e ? <EntitlementView e={e} /> : null;
}

/** A talent's own entitlements, stages and payments; an employer's staff's. */
export default function MyFundsPage() {
  const t = useT();
  const list = useCursorList<Entitlement>((cursor) => fundsApi.mine({ cursor, limit: 30 }), "mine");
  return (
    <>
      <PageHeader title={t("funds.mine")}>{t("funds.mineIntro")}</PageHeader>
      <Card variant="borderless">
        {list.loaded && list.items.length === 0 ? <Empty description={t("funds.mineEmpty")} /> : null}
        <Collapse
          items={list.items.map((e) => ({
            key: e.id,
            label: (
              <Space wrap>
                <span className="rc-strong">{e.title}</span>
                <span>{e.talent.name}</span>
                <Money fen={e.amount} />
                <EntitlementTag status={e.status} />
              </Space>
            ),
            children: <Detail id={e.id} />,
          }))}
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
    </>
  );
}
