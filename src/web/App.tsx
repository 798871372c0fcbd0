import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import { ApiBridge } from "./components/ApiBridge";
import { AppLayout } from "./components/AppLayout";
import { FullPageSpin, LoadFailed, NavGuard, OfficeGuard, RequireAuth } from "./components/Guards";
import { useLang } from "./i18n";
import HomePage from "./pages/Home";
import LoginPage from "./pages/Login";
import NotFoundPage, { PublicNotFound } from "./pages/NotFound";
import ResetPasswordPage from "./pages/ResetPassword";
import ClaimsPage from "./pages/registry/Claims";
import { theme } from "./theme";

const AccountPage = lazy(() => import("./pages/Account"));
const CertificatesPage = lazy(() => import("./pages/certificates/Certificates"));
const HrAgenciesPage = lazy(() => import("./pages/hr-agencies/HrAgencies"));
const HrAgencyPage = lazy(() => import("./pages/hr-agencies/HrAgency"));
const ClauseReportPage = lazy(() => import("./pages/reports/ClauseReport"));
const CockpitPage = lazy(() => import("./pages/reports/Cockpit"));
const MyReviewsPage = lazy(() => import("./pages/evaluation/MyReviews"));
const RoundsPage = lazy(() => import("./pages/evaluation/Rounds"));
const NotificationsPage = lazy(() => import("./pages/Notifications"));
const OrgsPage = lazy(() => import("./pages/admin/Orgs"));
const UsersPage = lazy(() => import("./pages/admin/Users"));
const AuditPage = lazy(() => import("./pages/admin/Audit"));
const SecurityPage = lazy(() => import("./pages/admin/Security"));
const PolicyDocumentsPage = lazy(() => import("./pages/policy/Documents"));
const PolicyImportPage = lazy(() => import("./pages/policy/Import"));
const PolicyReaderPage = lazy(() => import("./pages/policy/Reader"));
const AliasesPage = lazy(() => import("./pages/policy/Aliases"));
const TaskBoardPage = lazy(() => import("./pages/tasks/Board"));
const TaskDetailPage = lazy(() => import("./pages/tasks/Detail"));
const SupervisionPage = lazy(() => import("./pages/supervision/List"));
const AssessmentPage = lazy(() => import("./pages/assessment/Assessment"));
const TalentsPage = lazy(() => import("./pages/registry/Talents"));
const TalentDetailPage = lazy(() => import("./pages/registry/TalentDetail"));
const MyProfilePage = lazy(() => import("./pages/registry/MyProfile"));
const EmployersPage = lazy(() => import("./pages/registry/Employers"));
const EmployerDetailPage = lazy(() => import("./pages/registry/EmployerDetail"));
const RegistryImportPage = lazy(() => import("./pages/registry/Import"));
const RuleSetsPage = lazy(() => import("./pages/registry/RuleSets"));
const RuleSetPage = lazy(() => import("./pages/registry/RuleSet"));
const CataloguePage = lazy(() => import("./pages/services/Catalogue"));
const ItemEditorPage = lazy(() => import("./pages/services/ItemEditor"));
const ServiceListsPage = lazy(() => import("./pages/services/Lists"));
const HolidaysPage = lazy(() => import("./pages/services/Holidays"));
const ApplyPage = lazy(() => import("./pages/services/Apply"));
const MyApplicationsPage = lazy(() => import("./pages/services/Mine"));
const MyApplicationPage = lazy(() => import("./pages/services/MyApplication"));
const WorkbenchPage = lazy(() => import("./pages/services/Workbench"));
const CasePage = lazy(() => import("./pages/services/Case"));
const OfficeCasesPage = lazy(() => import("./pages/services/OfficeCases"));
const CalculatorPage = lazy(() => import("./pages/calculator/Calculator"));
const ProactiveRunsPage = lazy(() => import("./pages/proactive/Runs"));
const MyOffersPage = lazy(() => import("./pages/proactive/MyOffers"));
const FundsDashboardPage = lazy(() => import("./pages/funds/Dashboard"));
const FundLinePage = lazy(() => import("./pages/funds/Line"));
const FundEntitlementPage = lazy(() => import("./pages/funds/Entitlement"));
const FundBatchesPage = lazy(() => import("./pages/funds/Batches"));
const FundBatchPage = lazy(() => import("./pages/funds/BatchDetail"));
const FundReconciliationPage = lazy(() => import("./pages/funds/Reconciliation"));
const FundsManagePage = lazy(() => import("./pages/funds/Manage"));
const MyFundsPage = lazy(() => import("./pages/funds/MyFunds"));
const PortalArticlesPage = lazy(() => import("./pages/portal/Articles"));
const PortalArticleEditorPage = lazy(() => import("./pages/portal/ArticleEditor"));
const PublicityPage = lazy(() => import("./pages/portal/Publicity"));
const PublicityDetailPage = lazy(() => import("./pages/portal/PublicityDetail"));

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
  if (me.mfaEnrolmentRequired) return <Navigate to="/account/two-factor" replace />;
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
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/calculator" element={<CalculatorPage />} />
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
        <Route path="account/two-factor" element={<AccountPage />} />
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
        <Route
          path="policy"
          element={
            <NavGuard nav="policy">
              <PolicyDocumentsPage />
            </NavGuard>
          }
        />
        <Route
          path="policy/import"
          element={
            <NavGuard nav="policy">
              <PolicyImportPage />
            </NavGuard>
          }
        />
        <Route
          path="policy/aliases"
          element={
            <NavGuard nav="policy">
              <AliasesPage />
            </NavGuard>
          }
        />
        <Route
          path="policy/documents/:id"
          element={
            <NavGuard nav="policy">
              <PolicyReaderPage />
            </NavGuard>
          }
        />
        <Route
          path="tasks"
          element={
            <NavGuard nav="tasks">
              <TaskBoardPage />
            </NavGuard>
          }
        />
        <Route
          path="tasks/:id"
          element={
            <NavGuard nav="tasks">
              <TaskDetailPage />
            </NavGuard>
          }
        />
        <Route
          path="supervision"
          element={
            <NavGuard nav="supervision">
              <SupervisionPage />
            </NavGuard>
          }
        />
        <Route
          path="assessment"
          element={
            <NavGuard nav="assessment">
              <AssessmentPage />
            </NavGuard>
          }
        />
        <Route
          path="registry/talents"
          element={
            <NavGuard nav="talents">
              <TalentsPage />
            </NavGuard>
          }
        />
        <Route path="registry/talents/:id" element={<TalentDetailPage />} />
        <Route
          path="registry/import"
          element={
            <NavGuard nav="talents">
              <RegistryImportPage />
            </NavGuard>
          }
        />
        <Route
          path="registry/rules"
          element={
            <NavGuard nav="talents">
              <RuleSetsPage />
            </NavGuard>
          }
        />
        <Route
          path="registry/rules/:code"
          element={
            <NavGuard nav="talents">
              <RuleSetPage />
            </NavGuard>
          }
        />
        <Route
          path="registry/employers"
          element={
            <NavGuard nav="employers">
              <EmployersPage />
            </NavGuard>
          }
        />
        <Route path="registry/employers/mine" element={<EmployerDetailPage />} />
        <Route path="registry/employers/:id" element={<EmployerDetailPage />} />
        <Route
          path="registry/claims/mine"
          element={
            <NavGuard nav="myClaims">
              <ClaimsPage office={false} />
            </NavGuard>
          }
        />
        <Route
          path="registry/claims"
          element={
            <NavGuard nav="claims">
              <ClaimsPage office />
            </NavGuard>
          }
        />
        <Route
          path="certificates/mine"
          element={
            <NavGuard nav="myCertificates">
              <CertificatesPage mine />
            </NavGuard>
          }
        />
        <Route
          path="certificates"
          element={
            <NavGuard nav="certificates">
              <CertificatesPage mine={false} />
            </NavGuard>
          }
        />
        <Route
          path="hr-agencies"
          element={
            <NavGuard nav="hrAgencies">
              <HrAgenciesPage />
            </NavGuard>
          }
        />
        <Route
          path="evaluation/mine"
          element={
            <NavGuard nav="myReviews">
              <MyReviewsPage />
            </NavGuard>
          }
        />
        <Route
          path="reports/clauses"
          element={
            <NavGuard nav="clauseReport">
              <ClauseReportPage />
            </NavGuard>
          }
        />
        <Route
          path="hr-agencies/mine"
          element={
            <NavGuard nav="myHrAgency">
              <HrAgencyPage mine />
            </NavGuard>
          }
        />
        <Route
          path="hr-agencies/:id"
          element={
            <NavGuard nav="hrAgencies">
              <HrAgencyPage mine={false} />
            </NavGuard>
          }
        />
        <Route
          path="reports/cockpit"
          element={
            <NavGuard nav="cockpit">
              <CockpitPage />
            </NavGuard>
          }
        />
        <Route
          path="evaluation/rounds"
          element={
            <NavGuard nav="evaluationRounds">
              <RoundsPage />
            </NavGuard>
          }
        />
        <Route
          path="registry/me"
          element={
            <NavGuard nav="myProfile">
              <MyProfilePage />
            </NavGuard>
          }
        />
        <Route
          path="services/catalogue"
          element={
            <NavGuard nav="catalogue">
              <CataloguePage />
            </NavGuard>
          }
        />
        <Route
          path="services/catalogue/new"
          element={
            <NavGuard nav="catalogue">
              <ItemEditorPage />
            </NavGuard>
          }
        />
        <Route
          path="services/catalogue/:id"
          element={
            <NavGuard nav="catalogue">
              <ItemEditorPage />
            </NavGuard>
          }
        />
        <Route
          path="services/holidays"
          element={
            <NavGuard nav="holidays">
              <HolidaysPage />
            </NavGuard>
          }
        />
        <Route
          path="services/apply"
          element={
            <NavGuard nav="apply">
              <ApplyPage />
            </NavGuard>
          }
        />
        <Route
          path="services/mine"
          element={
            <NavGuard nav="myApplications">
              <MyApplicationsPage />
            </NavGuard>
          }
        />
        <Route
          path="services/mine/:id"
          element={
            <NavGuard nav="myApplications">
              <MyApplicationPage />
            </NavGuard>
          }
        />
        <Route
          path="services/workbench"
          element={
            <NavGuard nav="workbench">
              <WorkbenchPage />
            </NavGuard>
          }
        />
        <Route
          path="services/workbench/:id"
          element={
            <NavGuard nav="workbench">
              <CasePage />
            </NavGuard>
          }
        />
        <Route
          path="services/cases"
          element={
            <OfficeGuard>
              <OfficeCasesPage />
            </OfficeGuard>
          }
        />
        <Route
          path="services/cases/:id"
          element={
            <OfficeGuard>
              <CasePage />
            </OfficeGuard>
          }
        />
        <Route path="services/lists" element={<ServiceListsPage />} />
        <Route
          path="funds"
          element={
            <NavGuard nav="funds">
              <FundsDashboardPage />
            </NavGuard>
          }
        />
        <Route
          path="funds/manage"
          element={
            <NavGuard nav="funds">
              <FundsManagePage />
            </NavGuard>
          }
        />
        <Route path="funds/lines/:id" element={<FundLinePage />} />
        <Route path="funds/entitlements/:id" element={<FundEntitlementPage />} />
        <Route
          path="funds/batches"
          element={
            <NavGuard nav="funds">
              <FundBatchesPage />
            </NavGuard>
          }
        />
        <Route path="funds/batches/:id" element={<FundBatchPage />} />
        <Route
          path="funds/reconciliation"
          element={
            <NavGuard nav="funds">
              <FundReconciliationPage />
            </NavGuard>
          }
        />
        <Route
          path="my-funds"
          element={
            <NavGuard nav="myFunds">
              <MyFundsPage />
            </NavGuard>
          }
        />
        <Route
          path="proactive"
          element={
            <NavGuard nav="proactive">
              <ProactiveRunsPage />
            </NavGuard>
          }
        />
        <Route
          path="proactive/offers"
          element={
            <NavGuard nav="myOffers">
              <MyOffersPage />
            </NavGuard>
          }
        />
        <Route
          path="portal-admin/articles"
          element={
            <NavGuard nav="articles">
              <PortalArticlesPage />
            </NavGuard>
          }
        />
        <Route
          path="portal-admin/articles/:id"
          element={
            <NavGuard nav="articles">
              <PortalArticleEditorPage />
            </NavGuard>
          }
        />
        <Route
          path="publicity"
          element={
            <NavGuard nav="publicity">
              <PublicityPage />
            </NavGuard>
          }
        />
        <Route
          path="publicity/:id"
          element={
            <NavGuard nav="publicity">
              <PublicityDetailPage />
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
