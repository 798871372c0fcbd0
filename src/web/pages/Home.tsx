import { BellOutlined, CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Card, Col, Empty, Row, Statistic, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { type Answer, call } from "../api/call";
import type { NavKey } from "../api/types";
import { useMe } from "../auth/AuthContext";
import { PageHeader } from "../components/PageHeader";
import { RoleTags } from "../components/RoleTags";
import { type MsgKey, roleLabel, useLang, useT } from "../i18n";
import { fmtTime } from "../lib/format";
import { NAV } from "../lib/nav";

type OfficeHome = Answer<"GET /api/home/office">;
type MyCertificate = Answer<"GET /api/certificates/mine">["items"][number];

/** A talent's certificates on their home page, each with its print link. */
function MyCertificatesPanel() {
  const t = useT();
  const [items, setItems] = useState<MyCertificate[] | null>(null);
  useEffect(() => {
    call("GET /api/certificates/mine", {}, { quiet: true }).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, []);
  if (!items || items.length === 0) return null;
  return (
    <section className="rc-section" aria-labelledby="rc-mycerts">
      <Typography.Title level={2} id="rc-mycerts" className="rc-section-title">
        {t("cert.homeTitle")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {items.slice(0, 3).map((c) => (
          <Col xs={24} md={12} xl={8} key={c.id}>
            <Card variant="borderless" className="rc-cert-card" title={c.subject}>
              <p>
                {t("cert.number")}：<Typography.Text code>{c.number}</Typography.Text>
              </p>
              <p>
                {t("cert.issuedOn")}：{c.issuedOn} · {t("cert.validTo")}：{c.validTo ?? t("cert.noExpiry")}
              </p>
              <p>
                <Tag color={c.status === "valid" ? "green" : "red"}>{t(`cert.status.${c.status}`)}</Tag>
                <Button
                  size="small"
                  type="link"
                  href={`/api/certificates/${encodeURIComponent(c.id)}/print`}
                  target="_blank"
                  rel="noopener"
                >
                  {t("cert.print")}
                </Button>
              </p>
            </Card>
          </Col>
        ))}
      </Row>
      <Link to="/certificates/mine">{t("cert.homeAll")}</Link>
    </section>
  );
}
type Count = OfficeHome["tasks"]["red"];

/** The talent office's 今日待办: one card per count, each opening the list that shows those rows. */
function TodayPanel() {
  const t = useT();
  const [home, setHome] = useState<OfficeHome | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    call("GET /api/home/office", {}, { quiet: true }).then(setHome, () => setFailed(true));
  }, []);
  const cards: { label: MsgKey; count: Count | undefined }[] = [
    { label: "today.casesOverdue", count: home?.cases.overdue },
    { label: "today.casesDueToday", count: home?.cases.dueToday },
    { label: "today.tasksRed", count: home?.tasks.red },
    { label: "today.tasksYellow", count: home?.tasks.yellow },
    { label: "today.objections", count: home?.objections.open },
    { label: "today.batches", count: home?.batches.awaitingApproval },
    { label: "today.supervision", count: home?.supervision.open },
  ];
  return (
    <section className="rc-section" aria-labelledby="rc-today">
      <Typography.Title level={2} id="rc-today" className="rc-section-title">
        {t("today.title")}
      </Typography.Title>
      {failed ? (
        <Alert type="warning" showIcon message={t("today.loadFailed")} />
      ) : (
        <>
          {home ? <p className="rc-muted">{t("today.asOf", { at: fmtTime(home.asOf) })}</p> : null}
          <Row gutter={[16, 16]}>
            {cards.map((c) => {
              const n = c.count?.count ?? 0;
              const stat = <Statistic title={t(c.label)} value={n} loading={!home} />;
              return (
                <Col xs={12} md={8} xl={6} key={c.label}>
                  <Card
                    variant="borderless"
                    className={`rc-today-card ${n > 0 ? "rc-today-due" : "rc-today-calm"}`}
                  >
                    {c.count ? (
                      <Link to={c.count.href} aria-label={`${t(c.label)}：${n}`}>
                        {stat}
                      </Link>
                    ) : (
                      stat
                    )}
                  </Card>
                </Col>
              );
            })}
          </Row>
        </>
      )}
    </section>
  );
}

/** What each role can do. `nav` marks items that exist (and where; `path` when the page has no menu
 * entry of its own); the rest are still being built. */
const CAPABILITIES: Record<string, { text: MsgKey; nav?: NavKey; path?: string }[]> = {
  talent: [
    { text: "cap.talent.profile", nav: "myProfile" },
    { text: "cap.talent.apply", nav: "myApplications" },
    { text: "cap.talent.calculator", nav: "calculator" },
    { text: "cap.talent.certificates", nav: "myCertificates" },
    { text: "cap.talent.notify", nav: "notifications" },
  ],
  employer: [
    { text: "cap.employer.register", nav: "home", path: "/registry/employers/mine" },
    { text: "cap.employer.demand" },
    { text: "cap.employer.flexible", nav: "apply" },
    { text: "cap.employer.apply", nav: "apply" },
  ],
  officer: [
    { text: "cap.officer.handle", nav: "workbench" },
    { text: "cap.officer.report", nav: "tasks" },
    { text: "cap.officer.supervision", nav: "supervision" },
    { text: "cap.common.policy", nav: "policy" },
    { text: "cap.common.orgs", nav: "orgs" },
  ],
  leader: [
    { text: "cap.leader.approve", nav: "workbench" },
    { text: "cap.leader.signoff", nav: "tasks" },
    { text: "cap.common.policy", nav: "policy" },
    { text: "cap.common.orgs", nav: "orgs" },
  ],
  talent_office: [
    { text: "cap.office.policy", nav: "policy" },
    { text: "cap.office.tasks", nav: "tasks" },
    { text: "cap.office.supervision", nav: "supervision" },
    { text: "cap.office.assessment", nav: "assessment" },
    { text: "cap.office.catalogue", nav: "catalogue" },
    { text: "cap.office.funds", nav: "funds" },
    { text: "cap.office.certificates", nav: "certificates" },
    { text: "cap.office.hrAgencies", nav: "hrAgencies" },
    { text: "cap.common.orgs", nav: "orgs" },
  ],
  expert: [{ text: "cap.expert.score" }, { text: "cap.expert.conflict" }],
  sysadmin: [
    { text: "cap.sysadmin.orgs", nav: "orgs" },
    { text: "cap.sysadmin.users", nav: "users" },
  ],
  secadmin: [{ text: "cap.secadmin.settings", nav: "security" }],
  auditor: [
    { text: "cap.auditor.audit", nav: "audit" },
    { text: "cap.common.orgs", nav: "orgs" },
  ],
};

export default function HomePage() {
  const me = useMe();
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();

  // One card per distinct role code (a role held in two organisations is listed once).
  const roleCodes = [...new Set(me.roles.map((r) => r.role))];

  return (
    <>
      <PageHeader title={t("home.title")} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card className="rc-welcome" variant="borderless">
            <Typography.Title level={2} className="rc-welcome-title">
              {t("home.welcome", { name: me.displayName })}
            </Typography.Title>
            <p className="rc-welcome-org">{t("home.org", { org: me.org.name })}</p>
            <div className="rc-welcome-roles">
              <span className="rc-muted">{t("account.roles")}：</span>
              {me.roles.length ? (
                <RoleTags roles={me.roles} homeOrgId={me.org.id} />
              ) : (
                <span>{t("account.noRoles")}</span>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" className="rc-stat-card">
            <Statistic
              title={t("home.unread")}
              value={me.unreadNotifications}
              prefix={<BellOutlined aria-hidden />}
            />
            {me.nav.includes("notifications") ? (
              <Button type="link" className="rc-stat-link" onClick={() => navigate("/notifications")}>
                {t("home.viewNotifications")}
              </Button>
            ) : null}
          </Card>
        </Col>
      </Row>

      {roleCodes.includes("talent_office") ? <TodayPanel /> : null}
      {me.nav.includes("myCertificates") ? <MyCertificatesPanel /> : null}

      <section className="rc-section" aria-labelledby="rc-mywork">
        <Typography.Title level={2} id="rc-mywork" className="rc-section-title">
          {t("home.myWork")}
        </Typography.Title>
        <p className="rc-muted">{t("home.intro")}</p>
        {roleCodes.length === 0 ? (
          <Card variant="borderless">
            <Empty description={t("home.noRoles")} />
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {roleCodes.map((code) => (
              <Col xs={24} md={12} xl={8} key={code}>
                <Card variant="borderless" className="rc-cap-card" title={roleLabel(lang, code)}>
                  {(() => {
                    // Only what this account can open today: nothing on the home page promises a
                    // feature that is not there.
                    const open = (CAPABILITIES[code] ?? []).flatMap((c) =>
                      c.nav && me.nav.includes(c.nav) ? [{ ...c, nav: c.nav }] : [],
                    );
                    if (open.length === 0)
                      return (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.nothingYet")} />
                      );
                    return (
                      <ul className="rc-cap-list">
                        {open.map((c) => (
                          <li key={c.text} className="rc-cap-item">
                            <CheckCircleFilled className="rc-cap-icon rc-ok" aria-hidden />
                            <span className="rc-cap-text">{t(c.text)}</span>
                            <Button
                              size="small"
                              type="link"
                              onClick={() => navigate(c.path ?? NAV[c.nav].path)}
                            >
                              {t("home.open")}
                            </Button>
                          </li>
                        ))}
                      </ul>
                    );
                  })()}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </section>
    </>
  );
}
