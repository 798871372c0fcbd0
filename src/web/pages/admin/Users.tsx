import { DeleteOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  type FormInstance,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { userApi } from "../../api/endpoints";
import { showFormError } from "../../api/forms";
import { ADMIN_ROLES, ROLE_CODES, type RoleInput, type UserRow } from "../../api/types";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { RoleTags } from "../../components/RoleTags";
import { roleLabel, type TFunc, useLang, useT } from "../../i18n";
import { fmtTime } from "../../lib/format";
import { type OrgSelectNode, orgSelectTree } from "../../lib/orgTree";
import { useCursorList } from "../../lib/useCursorList";
import { useOrgs } from "../../lib/useOrgs";

const PAGE = 50;

interface RoleRow {
  role?: string;
  orgId?: string;
}

/** Client-side checks mirroring the server: ≥1 role, no duplicates, at most one admin role. */
function rolesValidator(t: TFunc) {
  return async (_: unknown, rows: RoleRow[] | undefined) => {
    const list = (rows ?? []).filter((r) => r?.role);
    if (list.length === 0) throw new Error(t("users.rolesRequired"));
    const seen = new Set<string>();
    for (const r of list) {
      const k = `${r.role}@${r.orgId ?? ""}`;
      if (seen.has(k)) throw new Error(t("users.duplicateRole"));
      seen.add(k);
    }
    const admins = new Set(list.map((r) => r.role!).filter((r) => ADMIN_ROLES.includes(r)));
    if (admins.size > 1) throw new Error(t("users.adminConflict"));
  };
}

function RolesField({ form, orgTree }: { form: FormInstance; orgTree: OrgSelectNode[] }) {
  const t = useT();
  const { lang } = useLang();
  const roleOptions = ROLE_CODES.map((r) => ({ value: r, label: roleLabel(lang, r) }));
  return (
    <Form.List name="roles" rules={[{ validator: rolesValidator(t) }]}>
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="rc-roles-field">
          <legend className="rc-roles-legend">{t("users.roles")}</legend>
          {fields.map((field, i) => (
            <div key={field.key} className="rc-role-row">
              <Form.Item
                name={[field.name, "role"]}
                rules={[{ required: true, message: t("users.roleRequired") }]}
                className="rc-role-cell"
              >
                <Select
                  options={roleOptions}
                  placeholder={t("users.role")}
                  aria-label={`${t("users.role")} ${i + 1}`}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, "orgId"]}
                rules={[{ required: true, message: t("users.roleOrgRequired") }]}
                className="rc-role-cell rc-role-org"
              >
                <TreeSelect
                  treeData={orgTree}
                  showSearch
                  treeNodeFilterProp="title"
                  treeDefaultExpandAll
                  placeholder={t("users.roleOrg")}
                  aria-label={`${t("users.roleOrg")} ${i + 1}`}
                />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined aria-hidden />}
                onClick={() => remove(field.name)}
                aria-label={`${t("users.removeRole")} ${i + 1}`}
              />
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ orgId: form.getFieldValue("orgId") })}
            block
          >
            {t("users.addRole")}
          </Button>
          <Form.ErrorList errors={errors} />
          <Typography.Paragraph type="secondary" className="rc-small rc-mt-s">
            {t("users.rolesHelp")}
          </Typography.Paragraph>
        </fieldset>
      )}
    </Form.List>
  );
}

function cleanRoles(rows: RoleRow[] | undefined): RoleInput[] {
  return (rows ?? []).filter((r) => r.role && r.orgId).map((r) => ({ role: r.role!, orgId: r.orgId! }));
}

interface CreateValues {
  username: string;
  displayName: string;
  orgId: string;
  email?: string;
  roles: RoleRow[];
}

function CreateUserModal({
  open,
  orgTree,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgTree: OrgSelectNode[];
  onClose: () => void;
  onCreated: (user: UserRow, password: string | null) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);

  // Start every opening from a blank form with one empty role row.
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ roles: [{}] });
    }
  }, [open, form]);

  const onFinish = async (v: CreateValues) => {
    setSaving(true);
    try {
      const res = await userApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId,
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        roles: cleanRoles(v.roles),
      });
      form.resetFields();
      onCreated(res.user, res.initialPassword);
    } catch (e) {
      showFormError(form, e, lang, {
        fields: ["username", "displayName", "orgId", "email", "roles"],
        codeFields: { USERNAME_TAKEN: "username", ADMIN_ROLE_CONFLICT: "roles" },
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("users.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={680}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        name="createUser"
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<CreateValues>) => {
          // Rows without an organisation follow the user's organisation.
          if (changed.orgId) {
            const rows = (form.getFieldValue("roles") as RoleRow[] | undefined) ?? [];
            form.setFieldValue(
              "roles",
              rows.map((r) => (r?.orgId ? r : { ...r, orgId: changed.orgId })),
            );
          }
        }}
      >
        <div className="rc-two-col">
          <Form.Item
            label={t("users.username")}
            name="username"
            rules={[{ required: true, whitespace: true, message: t("users.usernameRequired") }, { max: 64 }]}
          >
            <Input autoComplete="off" maxLength={64} spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t("users.displayName")}
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: t("users.displayNameRequired") },
              { max: 64 },
            ]}
          >
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        </div>
        <Form.Item
          label={t("users.email")}
          name="email"
          extra={t("users.emailHelp")}
          rules={[{ type: "email" }]}
        >
          <Input autoComplete="off" maxLength={254} />
        </Form.Item>
        <Form.Item
          label={t("users.org")}
          name="orgId"
          rules={[{ required: true, message: t("users.orgRequired") }]}
        >
          <TreeSelect treeData={orgTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <RolesField form={form} orgTree={orgTree} />
      </Form>
    </Modal>
  );
}

function EditRolesModal({
  user,
  orgTree,
  onClose,
  onSaved,
}: {
  user: UserRow | null;
  orgTree: OrgSelectNode[];
  onClose: () => void;
  onSaved: (u: UserRow) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ orgId: string; roles: RoleRow[] }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      form.setFieldsValue({
        orgId: user.org.id,
        roles: user.roles.map((r) => ({ role: r.role, orgId: r.orgId })),
      });
    }
  }, [user, form]);

  const onFinish = async (v: { roles: RoleRow[] }) => {
    if (!user) return;
    setSaving(true);
    try {
      const u = await userApi.setRoles(user.id, cleanRoles(v.roles));
      message.success(t("users.rolesSaved"));
      onSaved(u);
    } catch (e) {
      showFormError(form, e, lang, { fields: ["roles"], codeFields: { ADMIN_ROLE_CONFLICT: "roles" } });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t("users.editRolesFor", { name: user.displayName }) : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      {user ? (
        <Form form={form} name="editRoles" layout="vertical" onFinish={onFinish}>
          <Form.Item name="orgId" hidden>
            <Input />
          </Form.Item>
          <RolesField form={form} orgTree={orgTree} />
        </Form>
      ) : null}
    </Modal>
  );
}

function PasswordResult({
  value,
  onClose,
}: {
  value: { user: { displayName: string; username: string }; password: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={value !== null}
      title={t("users.passwordTitle")}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("users.done")}
        </Button>
      }
      destroyOnHidden
    >
      {value ? (
        <>
          <Alert type="warning" showIcon title={t("users.passwordOnce")} className="rc-mb" />
          <p>{t("users.passwordFor", { name: value.user.displayName, username: value.user.username })}</p>
          <div className="rc-initial-password">
            <Typography.Text
              code
              className="rc-mono rc-password-text"
              copyable={{
                text: value.password,
                tooltips: [t("users.copy"), t("users.copied")],
              }}
            >
              {value.password}
            </Typography.Text>
          </div>
        </>
      ) : null}
    </Modal>
  );
}

export default function UsersPage() {
  const t = useT();
  // Pin the actions column only where there is room for the other columns too.
  const wide = Grid.useBreakpoint().md !== false;
  const me = useMe();
  const { message } = AntApp.useApp();
  const { orgs } = useOrgs();
  const orgTree = useMemo(() => orgSelectTree(orgs), [orgs]);
  const [q, setQ] = useState("");
  const [orgId, setOrgId] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [shown, setShown] = useState<{
    user: { displayName: string; username: string };
    password: string;
  } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const list = useCursorList<UserRow>(
    (cursor) => userApi.list({ q, orgId, status, cursor, limit: PAGE }),
    JSON.stringify([q, orgId, status]),
  );

  const replace = (u: UserRow) => list.setItems((items) => items.map((x) => (x.id === u.id ? u : x)));

  const act = async (u: UserRow, what: "disable" | "enable" | "unlock" | "reset" | "resetMfa") => {
    setBusy(`${what}:${u.id}`);
    try {
      if (what === "reset") {
        const res = await userApi.resetPassword(u.id);
        message.success(t("users.linkSent", { to: res.to, until: new Date(res.expiresAt).toLocaleString() }));
      } else {
        const row = await userApi[what](u.id);
        replace(row);
        message.success(
          t(
            what === "disable"
              ? "users.disabledOk"
              : what === "enable"
                ? "users.enabledOk"
                : what === "unlock"
                  ? "users.unlocked"
                  : "users.mfaResetOk",
          ),
        );
      }
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<UserRow> = [
    {
      title: t("users.username"),
      dataIndex: "username",
      key: "username",
      render: (v: string) => <span className="rc-mono">{v}</span>,
    },
    { title: t("users.displayName"), dataIndex: "displayName", key: "displayName" },
    { title: t("users.org"), key: "org", render: (_, u) => u.org.name, responsive: ["md"] },
    {
      title: t("users.roles"),
      key: "roles",
      render: (_, u) => <RoleTags roles={u.roles} homeOrgId={u.org.id} />,
    },
    {
      title: t("common.status"),
      key: "status",
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.status === "active" ? (
            <Tag color="green">{t("users.active")}</Tag>
          ) : (
            <Tag color="default">{t("users.disabled")}</Tag>
          )}
          {u.locked ? <Tag color="error">{t("users.locked")}</Tag> : null}
          {u.mustChangePassword ? <Tag color="warning">{t("users.mustChange")}</Tag> : null}
          {u.mfaEnabled ? <Tag color="blue">{t("users.mfaOn")}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t("users.lastLogin"),
      dataIndex: "lastLoginAt",
      key: "lastLoginAt",
      responsive: ["lg"],
      render: (v: string | null) => (v ? fmtTime(v) : <span className="rc-muted">{t("users.never")}</span>),
    },
    {
      title: t("common.actions"),
      key: "actions",
      fixed: wide ? "right" : undefined,
      render: (_, u) => {
        const self = u.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t("users.editRoles")}
            </Button>
            {u.status === "active" ? (
              self ? (
                <Tooltip title={t("users.self")}>
                  <Button type="link" size="small" danger disabled>
                    {t("users.disable")}
                  </Button>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={t("users.disableConfirm", { name: u.displayName })}
                  okText={t("common.ok")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => act(u, "disable")}
                >
                  <Button type="link" size="small" danger loading={busy === `disable:${u.id}`}>
                    {t("users.disable")}
                  </Button>
                </Popconfirm>
              )
            ) : (
              <Popconfirm
                title={t("users.enableConfirm", { name: u.displayName })}
                okText={t("common.ok")}
                cancelText={t("common.cancel")}
                onConfirm={() => act(u, "enable")}
              >
                <Button type="link" size="small" loading={busy === `enable:${u.id}`}>
                  {t("users.enable")}
                </Button>
              </Popconfirm>
            )}
            <Popconfirm
              title={t("users.resetConfirm", { name: u.displayName })}
              okText={t("common.ok")}
              cancelText={t("common.cancel")}
              onConfirm={() => act(u, "reset")}
            >
              <Button type="link" size="small" loading={busy === `reset:${u.id}`}>
                {t("users.resetPassword")}
              </Button>
            </Popconfirm>
            {u.locked ? (
              <Popconfirm
                title={t("users.unlockConfirm", { name: u.displayName })}
                okText={t("common.ok")}
                cancelText={t("common.cancel")}
                onConfirm={() => act(u, "unlock")}
              >
                <Button type="link" size="small" loading={busy === `unlock:${u.id}`}>
                  {t("users.unlock")}
                </Button>
              </Popconfirm>
            ) : null}
            {u.mfaEnabled && !self ? (
              <Popconfirm
                title={t("users.mfaResetConfirm", { name: u.displayName })}
                okText={t("common.ok")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() => act(u, "resetMfa")}
              >
                <Button type="link" size="small" danger loading={busy === `resetMfa:${u.id}`}>
                  {t("users.mfaReset")}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t("users.title")}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t("users.create")}
          </Button>
        }
      />
      <Card variant="borderless">
        <div className="rc-filters">
          <Input.Search
            allowClear
            placeholder={t("users.search")}
            aria-label={t("users.search")}
            onSearch={(v) => setQ(v.trim())}
            className="rc-filter-search"
            enterButton
          />
          <TreeSelect
            allowClear
            treeData={orgTree}
            showSearch
            treeNodeFilterProp="title"
            placeholder={t("users.allOrgs")}
            aria-label={t("users.org")}
            value={orgId}
            onChange={(v: string | undefined) => setOrgId(v || undefined)}
            className="rc-filter-select"
            treeDefaultExpandAll
          />
          <Select
            allowClear
            placeholder={t("users.allStatus")}
            aria-label={t("common.status")}
            value={status}
            onChange={(v: string | undefined) => setStatus(v || undefined)}
            options={[
              { value: "active", label: t("users.active") },
              { value: "disabled", label: t("users.disabled") },
            ]}
            className="rc-filter-status"
          />
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        </div>
        <Table<UserRow>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("users.empty") }}
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>

      <CreateUserModal
        open={creating}
        orgTree={orgTree}
        onClose={() => setCreating(false)}
        onCreated={(u, password) => {
          setCreating(false);
          message.success(t("users.created"));
          list.setItems((items) => [u, ...items.filter((x) => x.id !== u.id)]);
          if (password === null) message.info(t("users.createdByLink"));
          else setShown({ user: u, password });
        }}
      />
      <EditRolesModal
        user={editing}
        orgTree={orgTree}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(null);
          replace(u);
        }}
      />
      <PasswordResult value={shown} onClose={() => setShown(null)} />
    </>
  );
}
