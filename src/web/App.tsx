import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import { ApiBridge } from "./components/ApiBridge";
import { AppLayout } from "./components/AppLayout";
import { FullPageSpin, LoadFailed, NavGuard, RequireAuth } from "./components/Guards";
import { useLang } from "./i18n";
import HomePage from "./pages/Home";
import LoginPage from "./pages/Login";
import NotFoundPage, { PublicNotFound } from "./pages/NotFound";
import { theme } from "./theme";

const AccountPage = lazy(() => import("./pages/Account"));
const NotificationsPage = lazy(() => import("./pages/Notifications"));
const OrgsPage = lazy(() => import("./pages/admin/Orgs"));
const UsersPage = lazy(() => import("./pages/admin/Users"));
const AuditPage = lazy(() => import("./pages/admin/Audit"));
const SecurityPage = lazy(() => import("./pages/admin/Security"));

/**
 * Required-field asterisk drawn by CSS with empty alt text (`content: "*" / ""`), so that a field's
 * accessible name — and its label text — is exactly the label.
 */
function requiredMark(label: ReactNode, { required }: { required: boolean }) {
  return (
    <>
      {required ? <span className="rc-req" aria-hidden="true" /> : null}
      {label}
    </>
  );
}

/** Unknown paths: a 404 inside the shell for users, a bare one for visitors. */
function CatchAll() {
  const { status, me } = useAuth();
  if (status === "loading") return <FullPageSpin />;
  if (status === "error" && !me) return <LoadFailed />;
  if (!me) return <PublicNotFound />;
  if (me.mustChangePassword) return <Navigate to="/account/password" replace />;
  return (
    <AppLayout>
      <NotFoundPage />
    </AppLayout>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="account/password" element={<AccountPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route
          path="admin/orgs"
          element={
            <NavGuard nav="orgs">
              <OrgsPage />
            </NavGuard>
          }
        />
        <Route
          path="admin/users"
          element={
            <NavGuard nav="users">
              <UsersPage />
            </NavGuard>
          }
        />
        <Route
          path="admin/audit"
          element={
            <NavGuard nav="audit">
              <AuditPage />
            </NavGuard>
          }
        />
        <Route
          path="admin/security"
          element={
            <NavGuard nav="security">
              <SecurityPage />
            </NavGuard>
          }
        />
      </Route>
      <Route path="*" element={<CatchAll />} />
    </Routes>
  );
}

export default function App() {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === "zh" ? zhCN : enUS}
      theme={theme}
      button={{ autoInsertSpace: false }}
      form={{ requiredMark, scrollToFirstError: true }}
    >
      <AntApp message={{ maxCount: 3 }}>
        <AuthProvider>
          <BrowserRouter>
            <ApiBridge />
            <Suspense fallback={<FullPageSpin />}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
