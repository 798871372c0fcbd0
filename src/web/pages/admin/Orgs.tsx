import { EditOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from "antd";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { orgApi } from "../../api/endpoints";
import { showFormError } from "../../api/forms";
import { type NewOrg, ORG_KINDS, type Org, type OrgInput, type OrgKind } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { orgKindLabel, useLang, useT } from "../../i18n";
import { buildOrgTree, type OrgNode, orgSelectTree, subtreeIds } from "../../lib/orgTree";
import { REGIONS, regionName } from "../../lib/regions";
import { useOrgs } from "../../lib/useOrgs";

const BarChart = lazy(() => import("../../components/BarChart"));

/** 统一社会信用代码: 18 characters from the GB 32100 alphabet (no I, O, Z, S, V). Format only. */
const USCC_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const REGION_RE = /^\d{6}$/;

const KIND_COLORS: Record<string, string> = {
  party_gov: "red",
  employer: "blue",
  agency: "green",
  individuals: "default",
};

interface OrgFormValues {
  name: string;
  shortName?: string;
  kind: OrgKind;
  parentId?: string | null;
  regionCode?: string;
  uscc?: string;
  status?: "active" | "inactive";
}

const FIELDS = ["name", "shortName", "kind", "parentId", "regionCode", "uscc", "status"] as const;

function blankToNull(v: string | null | undefined): string | null {
  const s = typeof v === "string" ? v.trim() : v;
  return s ? s : null;
}

function OrgDrawer({
  open,
  org,
  defaultParentId,
  orgs,
  onClose,
  onSaved,
}: {
  open: boolean;
  org: Org | null;
  defaultParentId: string | null;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      org
        ? {
            name: org.name,
            shortName: org.shortName ?? "",
            kind: org.kind,
            parentId: org.parentId,
            regionCode: org.regionCode ?? "",
            uscc: org.uscc ?? "",
            status: org.status,
          }
        : { parentId: defaultParentId ?? undefined },
    );
  }, [open, org, defaultParentId, form]);

  const parentTree = useMemo(
    () => orgSelectTree(orgs, org ? subtreeIds(orgs, org.id) : undefined),
    [orgs, org],
  );

  const kindOptions = useMemo(() => {
    const kinds: string[] = [...ORG_KINDS];
    if (org && !kinds.includes(org.kind)) kinds.push(org.kind);
    return kinds.map((k) => ({ value: k, label: orgKindLabel(lang, k) }));
  }, [lang, org]);

  const regionOptions = REGIONS.map((r) => ({ value: r.code, label: `${r.code} ${r[lang]}` }));

  const onFinish = async (v: OrgFormValues) => {
    setSaving(true);
    try {
      if (!org) {
        const body: NewOrg = { name: v.name.trim(), kind: v.kind };
        const shortName = blankToNull(v.shortName);
        const parentId = blankToNull(v.parentId);
        const regionCode = blankToNull(v.regionCode);
        const uscc = blankToNull(v.uscc);
        if (shortName) body.shortName = shortName;
        if (parentId) body.parentId = parentId;
        if (regionCode) body.regionCode = regionCode;
        if (uscc) body.uscc = uscc;
        await orgApi.create(body);
        message.success(t("orgs.created"));
      } else {
        // PATCH only what changed; a cleared optional field is sent as null.
        const next: Required<OrgInput> = {
          name: v.name.trim(),
          shortName: blankToNull(v.shortName),
          kind: v.kind,
          parentId: blankToNull(v.parentId),
          regionCode: blankToNull(v.regionCode),
          uscc: blankToNull(v.uscc),
          status: v.status ?? org.status,
        };
        const body: OrgInput = {};
        const put = <K extends keyof OrgInput>(k: K) => {
          if (next[k] !== (org[k as keyof Org] ?? null)) body[k] = next[k];
        };
        for (const k of FIELDS) put(k);
        if (Object.keys(body).length > 0) {
          await orgApi.update(org.id, body);
          message.success(t("orgs.updated"));
        }
      }
      onSaved();
    } catch (e) {
      showFormError(form, e, lang, { fields: FIELDS, codeFields: { ORG_NAME_TAKEN: "name" } });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={org ? t("orgs.edit") : t("orgs.create")}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        </Space>
      }
    >
      <Form<OrgFormValues> form={form} name="org" layout="vertical" onFinish={onFinish}>
        <Form.Item
          label={t("orgs.name")}
          name="name"
          rules={[{ required: true, whitespace: true, message: t("orgs.nameRequired") }, { max: 100 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t("orgs.shortName")} name="shortName" rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label={t("orgs.kind")}
          name="kind"
          rules={[{ required: true, message: t("orgs.kindRequired") }]}
        >
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item label={t("orgs.parent")} name="parentId">
          <TreeSelect
            treeData={parentTree}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            placeholder={t("orgs.noParent")}
          />
        </Form.Item>
        <Form.Item
          label={t("orgs.region")}
          name="regionCode"
          extra={t("orgs.regionHelp")}
          rules={[{ pattern: REGION_RE, message: t("orgs.regionFormat") }]}
        >
          <AutoComplete
            options={regionOptions}
            filterOption={(input, option) =>
              (option?.label ?? "").toLowerCase().includes(input.toLowerCase())
            }
            maxLength={6}
            allowClear
          />
        </Form.Item>
        <Form.Item
          label={t("orgs.uscc")}
          name="uscc"
          extra={t("orgs.usccHelp")}
          normalize={(v: string | undefined) => (v ? v.toUpperCase().replace(/\s+/g, "") : v)}
          rules={[{ pattern: USCC_RE, message: t("orgs.usccFormat") }]}
        >
          <Input maxLength={18} className="rc-mono" autoComplete="off" spellCheck={false} />
        </Form.Item>
        {org ? (
          <Form.Item label={t("common.status")} name="status">
            <Select
              options={[
                { value: "active", label: t("orgs.active") },
                { value: "inactive", label: t("orgs.inactive") },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}

interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}

function toTreeItems(nodes: OrgNode[]): TreeItem[] {
  return nodes.map((n) => ({
    key: n.org.id,
    title: n.org.shortName ? `${n.org.name}（${n.org.shortName}）` : n.org.name,
    children: toTreeItems(n.children),
  }));
}

export default function OrgsPage() {
  const t = useT();
  const wide = Grid.useBreakpoint().md !== false;
  const { lang } = useLang();
  const me = useMe();
  const canManage = me.nav.includes("users");
  const { orgs, loading, reload } = useOrgs();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Org | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const treeData = useMemo(() => toTreeItems(buildOrgTree(orgs)), [orgs]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const selectedOrg = selected ? byId.get(selected) : undefined;
  const visible = useMemo(() => {
    if (!selected) return orgs;
    const ids = subtreeIds(orgs, selected);
    return orgs.filter((o) => ids.has(o.id));
  }, [orgs, selected]);

  const chart = useMemo(() => {
    const sums = new Map<string, number>();
    for (const o of orgs) sums.set(o.kind, (sums.get(o.kind) ?? 0) + o.userCount);
    const kinds = [...sums.keys()].sort(
      (a, b) => ORG_KINDS.indexOf(a as never) - ORG_KINDS.indexOf(b as never) || a.localeCompare(b),
    );
    return {
      categories: kinds.map((k) => orgKindLabel(lang, k)),
      values: kinds.map((k) => sums.get(k) ?? 0),
    };
  }, [orgs, lang]);

  const openCreate = () => {
    setEditing(null);
    setDrawerOpen(true);
  };
  const openEdit = (o: Org) => {
    setEditing(o);
    setDrawerOpen(true);
  };

  const columns: TableColumnsType<Org> = [
    {
      title: t("orgs.name"),
      dataIndex: "name",
      key: "name",
      render: (_, o) => (
        <div>
          <div className="rc-strong">{o.name}</div>
          {o.shortName ? <div className="rc-muted rc-small">{o.shortName}</div> : null}
        </div>
      ),
    },
    {
      title: t("orgs.kind"),
      dataIndex: "kind",
      key: "kind",
      render: (k: string) => (
        <Tag color={KIND_COLORS[k] ?? "default"} variant="filled">
          {orgKindLabel(lang, k)}
        </Tag>
      ),
    },
    {
      title: t("orgs.parent"),
      dataIndex: "parentId",
      key: "parent",
      responsive: ["lg"],
      render: (p: string | null) => (p ? (byId.get(p)?.name ?? p) : t("common.none")),
    },
    {
      title: t("orgs.region"),
      dataIndex: "regionCode",
      key: "region",
      render: (c: string | null) =>
        c ? (
          <span>
            <span className="rc-mono">{c}</span> <span className="rc-muted">{regionName(lang, c) ?? ""}</span>
          </span>
        ) : (
          t("common.none")
        ),
    },
    {
      title: t("orgs.uscc"),
      dataIndex: "uscc",
      key: "uscc",
      responsive: ["md"],
      render: (c: string | null) => (c ? <span className="rc-mono">{c}</span> : t("common.none")),
    },
    {
      title: t("common.status"),
      dataIndex: "status",
      key: "status",
      render: (s: Org["status"]) =>
        s === "active" ? <Tag color="green">{t("orgs.active")}</Tag> : <Tag>{t("orgs.inactive")}</Tag>,
    },
    { title: t("orgs.userCount"), dataIndex: "userCount", key: "userCount", align: "right" },
  ];
  if (canManage) {
    columns.push({
      title: t("common.actions"),
      key: "actions",
      fixed: wide ? "right" : undefined,
      render: (_, o) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined aria-hidden />}
          onClick={() => openEdit(o)}
          aria-label={`${t("common.edit")} ${o.name}`}
        >
          {t("common.edit")}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t("orgs.title")}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
              {t("common.refresh")}
            </Button>
            {canManage ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={openCreate}>
                {t("orgs.create")}
              </Button>
            ) : null}
          </Space>
        }
      />
      {canManage ? null : <Alert type="info" showIcon className="rc-mb" title={t("orgs.readOnly")} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <Card variant="borderless" title={t("orgs.tree")} className="rc-mb">
            {loading && orgs.length === 0 ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t("orgs.empty")} />
            ) : (
              <Tree
                treeData={treeData}
                showLine
                blockNode
                defaultExpandAll
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
                aria-label={t("orgs.tree")}
              />
            )}
          </Card>
          {orgs.length ? (
            <Card variant="borderless" title={t("orgs.chartTitle")}>
              <Suspense fallback={<Skeleton active />}>
                <BarChart
                  categories={chart.categories}
                  values={chart.values}
                  label={t("orgs.chartAria", {
                    summary: chart.categories.map((c, i) => `${c} ${chart.values[i]}`).join("，"),
                  })}
                />
              </Suspense>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card
            variant="borderless"
            title={t("orgs.list")}
            extra={
              selectedOrg ? (
                <Space size="small" wrap>
                  <Typography.Text type="secondary">
                    {t("orgs.filterHint", { name: selectedOrg.name })}
                  </Typography.Text>
                  <Button size="small" onClick={() => setSelected(null)}>
                    {t("orgs.showAll")}
                  </Button>
                </Space>
              ) : null
            }
          >
            <Table<Org>
              rowKey="id"
              columns={columns}
              dataSource={visible}
              loading={loading}
              size="middle"
              scroll={{ x: "max-content" }}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: t("orgs.empty") }}
            />
          </Card>
        </Col>
      </Row>
      {canManage ? (
        <OrgDrawer
          open={drawerOpen}
          org={editing}
          defaultParentId={selected}
          orgs={orgs}
          onClose={() => setDrawerOpen(false)}
          onSaved={() => {
            setDrawerOpen(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
