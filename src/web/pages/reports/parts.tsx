// Filters shared by the clause report and the cockpit: year and (for the office) department,
// kept in the URL so a link reproduces the view.
import { Select, Space } from "antd";
import { useSearchParams } from "react-router-dom";
import { useMe } from "../../auth/AuthContext";
import { useT } from "../../i18n";
import { isTalentOffice, unitsWithRole } from "../../lib/roles";
import { useOrgs } from "../../lib/useOrgs";

export const YEARS = [2027, 2026, 2025, 2024, 2023];

export interface ReportFilters {
  year: number | undefined;
  orgId: string | undefined;
}

export function useReportFilters(): [
  ReportFilters,
  (k: keyof ReportFilters, v: string | number | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const year = params.get("year");
  const filters = {
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
    orgId: params.get("orgId") ?? undefined,
  };
  const set = (k: keyof ReportFilters, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === "") next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  return [filters, set];
}

export function FilterBar({
  filters,
  set,
  roles,
}: {
  filters: ReportFilters;
  set: (k: keyof ReportFilters, v: string | number | undefined) => void;
  roles: readonly string[];
}) {
  const t = useT();
  const me = useMe();
  const office = isTalentOffice(me);
  const { orgs } = useOrgs(office && me.nav.includes("orgs"));
  const options = office
    ? orgs
        .filter((o) => o.kind === "party_gov" || o.kind === "agency")
        .map((o) => ({ value: o.id, label: o.name }))
    : unitsWithRole(me, roles).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Space wrap>
      <Select
        allowClear
        placeholder={t("rep.allYears")}
        aria-label={t("rep.year")}
        value={filters.year}
        onChange={(v: number | undefined) => set("year", v)}
        options={YEARS.map((y) => ({ value: y, label: String(y) }))}
        style={{ width: 120 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("rep.allOrgs")}
        aria-label={t("rep.org")}
        value={filters.orgId}
        onChange={(v: string | undefined) => set("orgId", v)}
        options={options}
        style={{ minWidth: 220 }}
      />
    </Space>
  );
}
