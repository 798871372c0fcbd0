import { CheckOutlined } from "@ant-design/icons";
import { App, Badge, Button, Card, Empty, Spin, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { notificationApi } from "../api/endpoints";
import type { Notification, NotificationPage } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { LoadMore } from "../components/LoadMore";
import { PageHeader } from "../components/PageHeader";
import { pick, useLang, useT } from "../i18n";
import { fmtTime, safeInternalLink } from "../lib/format";
import { useCursorList } from "../lib/useCursorList";

export default function NotificationsPage() {
  const t = useT();
  const { lang } = useLang();
  const { me, patchMe, adjustUnread } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const list = useCursorList<Notification, NotificationPage>(
    (cursor) => notificationApi.list(cursor, 20),
    "all",
  );
  const unread = me?.unreadNotifications ?? 0;
  const { last } = list;

  // The server's unread count is the truth; keep the header badge in step with it.
  useEffect(() => {
    if (last) patchMe({ unreadNotifications: last.unread });
  }, [last, patchMe]);

  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    setBusy(n.id);
    try {
      await notificationApi.markRead(n.id);
      const now = new Date().toISOString();
      list.setItems((items) => items.map((x) => (x.id === n.id ? { ...x, readAt: now } : x)));
      adjustUnread(-1);
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  const markAll = async () => {
    setBusy("*");
    try {
      await notificationApi.markAllRead();
      const now = new Date().toISOString();
      list.setItems((items) => items.map((x) => (x.readAt ? x : { ...x, readAt: now })));
      patchMe({ unreadNotifications: 0 });
      message.success(t("notifications.allReadDone"));
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  const open = async (n: Notification, link: string) => {
    await markRead(n);
    navigate(link);
  };

  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        extra={
          <Button
            icon={<CheckOutlined aria-hidden />}
            onClick={markAll}
            disabled={unread === 0}
            loading={busy === "*"}
          >
            {t("notifications.markAllRead")}
          </Button>
        }
      >
        <span aria-live="polite">{t("notifications.unreadCount", { n: unread })}</span>
      </PageHeader>
      <Card variant="borderless">
        {!list.loaded && list.loading ? (
          <div className="rc-center-small">
            <Spin />
          </div>
        ) : list.items.length === 0 ? (
          <Empty description={t("notifications.empty")} />
        ) : (
          <ul className="rc-notes" aria-label={t("notifications.title")}>
            {list.items.map((n) => {
              const isUnread = !n.readAt;
              const link = safeInternalLink(n.link);
              const title = pick(lang, n.title);
              return (
                <li key={n.id} className={isUnread ? "rc-note rc-note-unread" : "rc-note"}>
                  <div className="rc-note-dot">
                    {isUnread ? <Badge status="processing" /> : <Badge status="default" />}
                  </div>
                  <div className="rc-note-main">
                    <div className="rc-note-head">
                      <Typography.Text strong={isUnread} className="rc-note-title">
                        {title}
                      </Typography.Text>
                      {isUnread ? (
                        <Tag color="blue" variant="filled">
                          {t("notifications.unread")}
                        </Tag>
                      ) : null}
                      <time className="rc-muted rc-note-time" dateTime={n.createdAt}>
                        {fmtTime(n.createdAt)}
                      </time>
                    </div>
                    <div className="rc-note-body">{pick(lang, n.body)}</div>
                    <div className="rc-note-actions">
                      {link ? (
                        <Button type="link" size="small" onClick={() => open(n, link)}>
                          {t("notifications.open")}
                        </Button>
                      ) : null}
                      {isUnread ? (
                        <Button
                          size="small"
                          onClick={() => markRead(n)}
                          loading={busy === n.id}
                          aria-label={`${t("notifications.markRead")}: ${title}`}
                        >
                          {t("notifications.markRead")}
                        </Button>
                      ) : null}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
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
