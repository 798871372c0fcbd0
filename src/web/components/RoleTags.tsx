import { Tag, Tooltip } from "antd";
import type { RoleGrant } from "../api/types";
import { roleLabel, useLang } from "../i18n";

const COLORS: Record<string, string> = {
  sysadmin: "volcano",
  secadmin: "gold",
  auditor: "purple",
  talent_office: "red",
  leader: "geekblue",
  officer: "blue",
  expert: "cyan",
  employer: "green",
  talent: "lime",
};

/** Role tags; the organisation is appended when it differs from the user's own. */
export function RoleTags({ roles, homeOrgId }: { roles: RoleGrant[]; homeOrgId?: string }) {
  const { lang } = useLang();
  return (
    <span className="rc-role-tags">
      {roles.map((r) => {
        const label = roleLabel(lang, r.role);
        const other = homeOrgId !== undefined && r.orgId !== homeOrgId;
        const tag = (
          <Tag key={`${r.role}@${r.orgId}`} color={COLORS[r.role] ?? "default"} variant="outlined">
            {other ? `${label} · ${r.orgName}` : label}
          </Tag>
        );
        return other || !r.orgName ? (
          tag
        ) : (
          <Tooltip key={`${r.role}@${r.orgId}`} title={r.orgName}>
            {tag}
          </Tooltip>
        );
      })}
    </span>
  );
}
