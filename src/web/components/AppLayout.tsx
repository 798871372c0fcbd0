import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from "@ant-design/icons";
import { App, Badge, Button, Grid, Layout, Menu, type MenuProps } from "antd";
import { type ReactNode, Suspense, useEffect, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router-dom";
import { useAuth, useMe } from "../auth/AuthContext";
import { useT } from "../i18n";
import { isNavKey, NAV, NAV_GROUPS, navKeyForPath } from "../lib/nav";
import { Brand } from "./Brand";
import { FullPageSpin } from "./Guards";
import { LangSwitch } from "./LangSwitch";
import { RoleTags } from "./RoleTags";

const { Header, Sider, Content, Footer } = Layout;

/** The application shell. Renders the matched child route, or `children` when given (404). */
export function AppLayout({ children }: { children?: ReactNode }) {
  const me = useMe();
  const { logout } = useAuth();
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the very first render; treat "unknown" as wide.
  const narrow = screens.lg === false;
  const [collapsed, setCollapsed] = useState(narrow);

  useEffect(() => {
    setCollapsed(narrow);
  }, [narrow]);

  const navKeys = me.nav.filter(isNavKey);
  const toItem = (k: (typeof navKeys)[number]) => {
    const item = NAV[k];
    const label =
      k === "notifications" ? (
        <span className="rc-menu-label">
          <span>{t(item.label)}</span>
          {me.unreadNotifications > 0 ? (
            <span aria-hidden="true">
              <Badge count={me.unreadNotifications} overflowCount={99} size="small" />
            </span>
          ) : null}
        </span>
      ) : (
        t(item.label)
      );
    return { key: item.key, icon: item.icon, label, title: t(item.label) };
  };
  // Grouped only when there is more than one group to tell apart.
  const groups = NAV_GROUPS.map((g) => ({
    g,
    children: navKeys.filter((k) => NAV[k].group === g).map(toItem),
  })).filter((x) => x.children.length > 0);
  const items: MenuProps["items"] =
    groups.length > 1
      ? groups.map(({ g, children }) => ({
          type: "group" as const,
          key: `g-${g}`,
          label: t(`nav.${g}Group`),
          children,
        }))
      : (groups[0]?.children ?? []);

  const current = navKeyForPath(location.pathname);

  const onMenuClick: MenuProps["onClick"] = ({ key }) => {
    if (isNavKey(key)) navigate(NAV[key].path);
    if (narrow) setCollapsed(true);
  };

  const onLogout = async () => {
    await logout();
    navigate("/login", { replace: true });
    message.success({ content: t("header.loggedOut"), key: "logout" });
  };

  return (
    <Layout className="rc-shell">
      <a href="#main" className="rc-skip">
        {t("app.skip")}
      </a>
      <Header className="rc-header">
        {narrow ? (
          <Button
            type="text"
            className="rc-menu-toggle"
            icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
            aria-label={t("header.menu")}
            aria-expanded={!collapsed}
            aria-controls="rc-sider"
            onClick={() => setCollapsed((c) => !c)}
          />
        ) : null}
        <Link to="/" className="rc-brand-link">
          <Brand compact={narrow} />
        </Link>
        <div className="rc-header-right">
          <div className="rc-user">
            {screens.sm === false ? null : <span className="rc-user-name">{me.displayName}</span>}
            {screens.md ? <span className="rc-user-org">{me.org.name}</span> : null}
            {screens.xl ? <RoleTags roles={me.roles} homeOrgId={me.org.id} /> : null}
          </div>
          <LangSwitch size="small" />
          <Button icon={<LogoutOutlined aria-hidden />} onClick={onLogout}>
            {screens.sm === false ? null : t("header.logout")}
            {screens.sm === false ? <span className="rc-sr-only">{t("header.logout")}</span> : null}
          </Button>
        </div>
      </Header>
      <Layout className="rc-main">
        <Sider
          id="rc-sider"
          className={narrow ? "rc-sider rc-sider-overlay" : "rc-sider"}
          theme="light"
          width={224}
          collapsedWidth={0}
          collapsed={collapsed}
          trigger={null}
        >
          {narrow ? (
            <div className="rc-sider-user">
              <div className="rc-user-name">{me.displayName}</div>
              <div className="rc-muted rc-small">{me.org.name}</div>
              <RoleTags roles={me.roles} homeOrgId={me.org.id} />
            </div>
          ) : null}
          <nav aria-label={t("nav.label")}>
            <Menu
              mode="inline"
              items={items}
              selectedKeys={current ? [current] : []}
              onClick={onMenuClick}
              className="rc-menu"
            />
          </nav>
        </Sider>
        <Layout className="rc-body">
          <Content id="main" className="rc-content" tabIndex={-1}>
            <Suspense fallback={<FullPageSpin />}>{children ?? <Outlet />}</Suspense>
          </Content>
          <Footer className="rc-footer">{t("app.footer")}</Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
