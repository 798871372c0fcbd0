import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Form,
  Grid,
  Input,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { showFormError } from "../../api/forms";
import { policyApi } from "../../api/policy";
import type { Alias } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { isTalentOffice } from "../../lib/roles";
import { useOrgs } from "../../lib/useOrgs";

interface AliasForm {
  alias: string;
  canonicalName: string;
}

export default function AliasesPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const office = isTalentOffice(me);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AliasForm>();
  const [items, setItems] = useState<Alias[]>([]);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const { orgs } = useOrgs(office);
  const narrow = Grid.useBreakpoint().md === false;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await policyApi.aliases()).items);
    } catch {
      // shown by the client
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const orgOptions = useMemo(
    () => orgs.filter((o) => o.kind === "party_gov" || o.kind === "agency").map((o) => ({ value: o.name })),
    [orgs],
  );

  const onAdd = async (v: AliasForm) => {
    setSaving(true);
    try {
      const a = await policyApi.addAlias(v.alias.trim(), v.canonicalName.trim());
      setItems((xs) => [...xs, a].sort((x, y) => x.alias.localeCompare(y.alias, "zh")));
      form.resetFields();
      message.success(t("aliases.added", { alias: a.alias, name: a.canonicalName }));
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["alias", "canonicalName"],
        codeFields: { ALIAS_EXISTS: "alias", ALIAS_INVALID: "alias" },
      });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (a: Alias) => {
    setBusy(a.id);
    try {
      await policyApi.removeAlias(a.id);
      setItems((xs) => xs.filter((x) => x.id !== a.id));
      message.success(t("aliases.removed", { alias: a.alias }));
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Alias> = [
    {
      title: t("aliases.alias"),
      dataIndex: "alias",
      key: "alias",
      render: (v: string) => <span className="rc-strong">{v}</span>,
    },
    { title: t("aliases.canonical"), dataIndex: "canonicalName", key: "canonicalName" },
    {
      title: t("aliases.organisation"),
      key: "org",
      render: (_, a) =>
        a.organisation ? <Tag color="blue">{a.organisation.name}</Tag> : <Tag>{t("aliases.noOrg")}</Tag>,
    },
    {
      title: t("aliases.createdAt"),
      dataIndex: "createdAt",
      key: "createdAt",
      responsive: ["md"],
      render: (v: string) => <span className="rc-nowrap">{fmtTime(v)}</span>,
    },
  ];
  if (office)
    columns.push({
      title: t("common.actions"),
      key: "actions",
      render: (_, a) => (
        <Popconfirm
          title={t("aliases.removeConfirm", { alias: a.alias })}
          okText={t("common.ok")}
          cancelText={t("common.cancel")}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(a)}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined aria-hidden />}
            loading={busy === a.id}
            aria-label={`${t("aliases.remove")} ${a.alias}`}
          >
            {t("aliases.remove")}
          </Button>
        </Popconfirm>
      ),
    });

  return (
    <>
      <PageHeader
        title={t("aliases.title")}
        extra={<Button onClick={() => navigate("/policy")}>{t("import.backToList")}</Button>}
      >
        {t("aliases.intro")}
      </PageHeader>
      <Alert type="info" showIcon className="rc-mb" title={t("aliases.laterOnly")} />
      {office ? (
        <Card variant="borderless" className="rc-mb" title={t("aliases.add")}>
          <Form<AliasForm>
            form={form}
            name="alias"
            layout={narrow ? "vertical" : "inline"}
            className="rc-filters rc-filters-form"
            onFinish={onAdd}
          >
            <Form.Item
              name="alias"
              label={t("aliases.alias")}
              rules={[
                { required: true, whitespace: true, message: t("aliases.aliasRequired") },
                { min: 2, max: 100, message: t("aliases.length") },
              ]}
            >
              <Input placeholder={t("aliases.aliasPlaceholder")} maxLength={100} className="rc-w-200" />
            </Form.Item>
            <Form.Item
              name="canonicalName"
              label={t("aliases.canonical")}
              rules={[
                { required: true, whitespace: true, message: t("aliases.canonicalRequired") },
                { min: 2, max: 100, message: t("aliases.length") },
              ]}
            >
              <AutoComplete
                options={orgOptions}
                placeholder={t("aliases.canonicalPlaceholder")}
                className="rc-w-240"
                filterOption={(input, option) => (option?.value ?? "").includes(input.trim())}
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={saving}>
                {t("aliases.addButton")}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      ) : null}
      <Card variant="borderless">
        <Table<Alias>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={loading}
          size="middle"
          scroll={{ x: "max-content" }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t("aliases.empty") }}
        />
      </Card>
    </>
  );
}
