import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { NavKey } from "../api/types";
import type { MsgKey } from "../i18n";

export interface NavItem {
  key: NavKey;
  path: string;
  label: MsgKey;
  icon: ReactNode;
  admin: boolean;
}

export const NAV: Record<NavKey, NavItem> = {
  home: { key: "home", path: "/", label: "nav.home", icon: <HomeOutlined aria-hidden />, admin: false },
  notifications: {
    key: "notifications",
    path: "/notifications",
    label: "nav.notifications",
    icon: <BellOutlined aria-hidden />,
    admin: false,
  },
  account: {
    key: "account",
    path: "/account",
    label: "nav.account",
    icon: <UserOutlined aria-hidden />,
    admin: false,
  },
  orgs: {
    key: "orgs",
    path: "/admin/orgs",
    label: "nav.orgs",
    icon: <ApartmentOutlined aria-hidden />,
    admin: true,
  },
  users: {
    key: "users",
    path: "/admin/users",
    label: "nav.users",
    icon: <TeamOutlined aria-hidden />,
    admin: true,
  },
  audit: {
    key: "audit",
    path: "/admin/audit",
    label: "nav.audit",
    icon: <AuditOutlined aria-hidden />,
    admin: true,
  },
  security: {
    key: "security",
    path: "/admin/security",
    label: "nav.security",
    icon: <SafetyCertificateOutlined aria-hidden />,
    admin: true,
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
