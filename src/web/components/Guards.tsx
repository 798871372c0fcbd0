import { Button, Result, Spin } from "antd";
import { type ReactNode, useEffect } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import type { NavKey } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { useT } from "../i18n";
import { PageHeader } from "./PageHeader";

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="rc-center" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="rc-center-text">{t("app.loading")}</span>
    </div>
  );
}

export function LoadFailed() {
  const t = useT();
  const { refresh } = useAuth();
  return (
    <div className="rc-center">
      <Result
        status="warning"
        title={t("app.loadFailed")}
        extra={
          <Button type="primary" onClick={() => refresh().catch(() => {})}>
            {t("app.retry")}
          </Button>
        }
      />
    </div>
  );
}

/** Whether someone was signed in since this page loaded (then a missing session means they logged out). */
let signedInThisPage = false;

/** Logged-in users only; users who must change their password (or set up a required 2FA) are kept on that page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, me } = useAuth();
  const location = useLocation();
  if (status === "loading") return <FullPageSpin />;
  if (status === "error" && !me) return <LoadFailed />;
  if (me) signedInThisPage = true;
  // Visitors of the front door get the public portal (server-rendered); other pages ask to log in,
  // and so does the front door right after logging out.
  if (!me && location.pathname === "/" && !signedInThisPage) return <ToPortal />;
  if (!me) return <Navigate to="/login" replace state={{ from: location }} />;
  if (me.mustChangePassword && location.pathname !== "/account/password") {
    return <Navigate to="/account/password" replace />;
  }
  // A role that requires two-factor authentication keeps the user on its set-up until it is on.
  if (!me.mustChangePassword && me.mfaEnrolmentRequired && location.pathname !== "/account/two-factor") {
    return <Navigate to="/account/two-factor" replace />;
  }
  return <>{children}</>;
}

/** A full page load of /portal, which the server renders (it is not part of this app). */
function ToPortal() {
  useEffect(() => {
    window.location.replace("/portal");
  }, []);
  return <FullPageSpin />;
}

/** Pages behind a nav area the user does not have show a 403 page (the server refuses anyway). */
export function NavGuard({ nav, children }: { nav: NavKey; children: ReactNode }) {
  const { me } = useAuth();
  if (!me?.nav.includes(nav)) return <Forbidden />;
  return <>{children}</>;
}

/** Pages of the talent office that have no menu entry of their own (reached from the home page). */
export function OfficeGuard({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (!me?.roles.some((g) => g.role === "talent_office")) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t("forbidden.title")} />
      <Result
        status="403"
        subTitle={t("forbidden.body")}
        extra={
          <Button type="primary" onClick={() => navigate("/")}>
            {t("notFound.back")}
          </Button>
        }
      />
    </>
  );
}
