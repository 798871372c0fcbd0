// 免申即享确认 (talent): the policies the data show I qualify for; one click confirms (and completes
// the case as an approved application), or I decline, optionally saying why.
import { App, Button, Card, Empty, Input, List, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { type Offer, type OfferStatus, proactiveApi } from "../../api/calculator";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { useCursorList } from "../../lib/useCursorList";

const OFFER_COLOR: Record<OfferStatus, string> = { offered: "gold", accepted: "green", declined: "default" };

export default function MyOffersPage() {
  const t = useT();
  const { message } = App.useApp();
  const list = useCursorList<Offer>(
    (cursor) => proactiveApi.myOffers({ cursor: cursor ?? undefined, limit: 20 }),
    "",
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [reason, setReason] = useState("");

  const replace = (o: Offer) => list.setItems((items) => items.map((x) => (x.id === o.id ? o : x)));
  const accept = async (o: Offer) => {
    setBusy(o.id);
    try {
      replace(await proactiveApi.accept(o.id));
      message.success(t("offers.accepted"));
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };
  const decline = async (o: Offer) => {
    setBusy(o.id);
    try {
      replace(await proactiveApi.decline(o.id, reason.trim() || undefined));
      setReason("");
      message.success(t("offers.declined"));
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t("offers.title")}>{t("offers.intro")}</PageHeader>
      <Card>
        {list.loaded && list.items.length === 0 ? <Empty description={t("offers.none")} /> : null}
        <List
          dataSource={list.items}
          loading={list.loading && list.items.length === 0}
          renderItem={(o) => (
            <List.Item
              data-offer={o.item.code}
              actions={
                o.status === "offered"
                  ? [
                      <Button key="accept" type="primary" loading={busy === o.id} onClick={() => accept(o)}>
                        {t("offers.accept")}
                      </Button>,
                      <Popconfirm
                        key="decline"
                        title={t("offers.decline")}
                        description={
                          <Input
                            aria-label={t("offers.declineReason")}
                            placeholder={t("offers.declineReason")}
                            value={reason}
                            maxLength={500}
                            onChange={(e) => setReason(e.target.value)}
                          />
                        }
                        onConfirm={() => decline(o)}
                      >
                        <Button disabled={busy === o.id}>{t("offers.decline")}</Button>
                      </Popconfirm>,
                    ]
                  : o.applicationId
                    ? [
                        <Link key="app" to={`/services/mine/${o.applicationId}`}>
                          {t("offers.viewApplication")}
                        </Link>,
                      ]
                    : []
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    <span>{o.item.name}</span>
                    <Tag color={OFFER_COLOR[o.status]}>{t(`proactive.offer.${o.status}`)}</Tag>
                  </Space>
                }
                description={
                  <span className="rc-small">
                    {t("common.labelled", { label: t("offers.receivedAt") })}
                    {fmtTime(o.createdAt)}
                    {o.declineReason ? `${t("common.summarySep")}${o.declineReason}` : ""}
                  </span>
                }
              />
            </List.Item>
          )}
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
