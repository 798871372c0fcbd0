import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  ContainerOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  GiftOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { NavKey } from "../api/types";
import type { MsgKey } from "../i18n";

/** Menu groups, in menu order: the user's own pages, policy work, administration. */
export type NavGroup = "main" | "work" | "admin";
export const NAV_GROUPS: readonly NavGroup[] = ["main", "work", "admin"];

export interface NavItem {
  key: NavKey;
  path: string;
  label: MsgKey;
  icon: ReactNode;
  group: NavGroup;
}

export const NAV: Record<NavKey, NavItem> = {
  home: { key: "home", path: "/", label: "nav.home", icon: <HomeOutlined aria-hidden />, group: "main" },
  notifications: {
    key: "notifications",
    path: "/notifications",
    label: "nav.notifications",
    icon: <BellOutlined aria-hidden />,
    group: "main",
  },
  account: {
    key: "account",
    path: "/account",
    label: "nav.account",
    icon: <UserOutlined aria-hidden />,
    group: "main",
  },
  orgs: {
    key: "orgs",
    path: "/admin/orgs",
    label: "nav.orgs",
    icon: <ApartmentOutlined aria-hidden />,
    group: "admin",
  },
  users: {
    key: "users",
    path: "/admin/users",
    label: "nav.users",
    icon: <TeamOutlined aria-hidden />,
    group: "admin",
  },
  audit: {
    key: "audit",
    path: "/admin/audit",
    label: "nav.audit",
    icon: <AuditOutlined aria-hidden />,
    group: "admin",
  },
  security: {
    key: "security",
    path: "/admin/security",
    label: "nav.security",
    icon: <SafetyCertificateOutlined aria-hidden />,
    group: "admin",
  },
  policy: {
    key: "policy",
    path: "/policy",
    label: "nav.policy",
    icon: <FileTextOutlined aria-hidden />,
    group: "work",
  },
  tasks: {
    key: "tasks",
    path: "/tasks",
    label: "nav.tasks",
    icon: <OrderedListOutlined aria-hidden />,
    group: "work",
  },
  supervision: {
    key: "supervision",
    path: "/supervision",
    label: "nav.supervision",
    icon: <FlagOutlined aria-hidden />,
    group: "work",
  },
  assessment: {
    key: "assessment",
    path: "/assessment",
    label: "nav.assessment",
    icon: <TrophyOutlined aria-hidden />,
    group: "work",
  },
  talents: {
    key: "talents",
    path: "/registry/talents",
    label: "nav.talents",
    icon: <IdcardOutlined aria-hidden />,
    group: "work",
  },
  employers: {
    key: "employers",
    path: "/registry/employers",
    label: "nav.employers",
    icon: <BankOutlined aria-hidden />,
    group: "work",
  },
  myClaims: {
    key: "myClaims",
    path: "/registry/claims/mine",
    label: "nav.myClaims",
    icon: <SolutionOutlined aria-hidden />,
    group: "main",
  },
  claims: {
    key: "claims",
    path: "/registry/claims",
    label: "nav.claims",
    icon: <IdcardOutlined aria-hidden />,
    group: "work",
  },
  myCertificates: {
    key: "myCertificates",
    path: "/certificates/mine",
    label: "nav.myCertificates",
    icon: <SafetyCertificateOutlined aria-hidden />,
    group: "main",
  },
  certificates: {
    key: "certificates",
    path: "/certificates",
    label: "nav.certificates",
    icon: <SafetyCertificateOutlined aria-hidden />,
    group: "work",
  },
  hrAgencies: {
    key: "hrAgencies",
    path: "/hr-agencies",
    label: "nav.hrAgencies",
    icon: <ShopOutlined aria-hidden />,
    group: "work",
  },
  myHrAgency: {
    key: "myHrAgency",
    path: "/hr-agencies/mine",
    label: "nav.myHrAgency",
    icon: <ShopOutlined aria-hidden />,
    group: "main",
  },
  clauseReport: {
    key: "clauseReport",
    path: "/reports/clauses",
    label: "nav.clauseReport",
    icon: <BarChartOutlined aria-hidden />,
    group: "work",
  },
  cockpit: {
    key: "cockpit",
    path: "/reports/cockpit",
    label: "nav.cockpit",
    icon: <DashboardOutlined aria-hidden />,
    group: "work",
  },
  myReviews: {
    key: "myReviews",
    path: "/evaluation/mine",
    label: "nav.myReviews",
    icon: <AuditOutlined aria-hidden />,
    group: "main",
  },
  evaluationRounds: {
    key: "evaluationRounds",
    path: "/evaluation/rounds",
    label: "nav.evaluationRounds",
    icon: <TrophyOutlined aria-hidden />,
    group: "work",
  },
  myProfile: {
    key: "myProfile",
    path: "/registry/me",
    label: "nav.myProfile",
    icon: <SolutionOutlined aria-hidden />,
    group: "main",
  },
  apply: {
    key: "apply",
    path: "/services/apply",
    label: "nav.apply",
    icon: <FormOutlined aria-hidden />,
    group: "main",
  },
  myApplications: {
    key: "myApplications",
    path: "/services/mine",
    label: "nav.myApplications",
    icon: <FileDoneOutlined aria-hidden />,
    group: "main",
  },
  workbench: {
    key: "workbench",
    path: "/services/workbench",
    label: "nav.workbench",
    icon: <InboxOutlined aria-hidden />,
    group: "work",
  },
  catalogue: {
    key: "catalogue",
    path: "/services/catalogue",
    label: "nav.catalogue",
    icon: <ContainerOutlined aria-hidden />,
    group: "work",
  },
  holidays: {
    key: "holidays",
    path: "/services/holidays",
    label: "nav.holidays",
    icon: <CalendarOutlined aria-hidden />,
    group: "work",
  },
  articles: {
    key: "articles",
    path: "/portal-admin/articles",
    label: "nav.articles",
    icon: <ReadOutlined aria-hidden />,
    group: "work",
  },
  publicity: {
    key: "publicity",
    path: "/publicity",
    label: "nav.publicity",
    icon: <NotificationOutlined aria-hidden />,
    group: "work",
  },
  calculator: {
    key: "calculator",
    path: "/calculator",
    label: "nav.calculator",
    icon: <CalculatorOutlined aria-hidden />,
    group: "main",
  },
  myOffers: {
    key: "myOffers",
    path: "/proactive/offers",
    label: "nav.myOffers",
    icon: <GiftOutlined aria-hidden />,
    group: "main",
  },
  proactive: {
    key: "proactive",
    path: "/proactive",
    label: "nav.proactive",
    icon: <AimOutlined aria-hidden />,
    group: "work",
  },
  funds: {
    key: "funds",
    path: "/funds",
    label: "nav.funds",
    icon: <BankOutlined aria-hidden />,
    group: "work",
  },
  myFunds: {
    key: "myFunds",
    path: "/my-funds",
    label: "nav.myFunds",
    icon: <WalletOutlined aria-hidden />,
    group: "main",
  },
};

export function isNavKey(k: string): k is NavKey {
  return Object.hasOwn(NAV, k);
}

/** The nav item whose page the path belongs to. */
export function navKeyForPath(pathname: string): NavKey | null {
  let best: NavItem | null = null;
  for (const item of Object.values(NAV)) {
    const match =
      item.path === "/" ? pathname === "/" : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key ?? null;
}
