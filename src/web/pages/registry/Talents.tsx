import { ApartmentOutlined, ImportOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { isApiError } from "../../api/client";
import {
  CATEGORIES,
  type Category,
  registryApi,
  type TalentInput,
  type TalentSummary,
  TIERS,
  type Tier,
} from "../../api/registry";
import { useMe } from "../../auth/AuthContext";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";
import { isTalentOffice } from "../../lib/roles";
import { useCursorList } from "../../lib/useCursorList";
import { BankChangesCard } from "./BankChanges";
import { TierTag } from "./parts";

const PAGE = 30;

function NewTalentModal({ open, onClose }: { open: boolean; onClose: (createdId?: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<TalentInput>();
  const [busy, setBusy] = useState(false);
  const idType = Form.useWatch("idType", form);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await registryApi.createTalent({ ...values, phone: values.phone || null });
      message.success(t("registry.created"));
      form.resetFields();
      onClose(created.id);
    } catch (e) {
      if (isApiError(e)) {
        message.error(e.text(lang));
        form.setFields(
          e.fieldErrors.map((f) => ({ name: f.path.replace(/^\//, "") as never, errors: [f.message[lang]] })),
        );
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("registry.new")}
      open={open}
      onCancel={() => onClose()}
      onOk={submit}
      confirmLoading={busy}
    >
      <Form form={form} layout="vertical" initialValues={{ idType: "resident" }}>
        <Form.Item name="name" label={t("registry.name")} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idType" label={t("registry.idType")} rules={[{ required: true }]}>
          <Select
            options={[
              { value: "resident", label: t("registry.idType.resident") },
              { value: "passport", label: t("registry.idType.passport") },
            ]}
          />
        </Form.Item>
        <Form.Item name="idNumber" label={t("registry.idNumber")} rules={[{ required: true, max: 40 }]}>
          <Input className="rc-mono" autoComplete="off" />
        </Form.Item>
        {idType === "passport" ? (
          <Space>
            <Form.Item name="gender" label={t("registry.gender")} rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={[
                  { value: "male", label: t("registry.gender.male") },
                  { value: "female", label: t("registry.gender.female") },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="birthDate"
              label={t("registry.birthDate")}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
            >
              <Input placeholder="yyyy-mm-dd" />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item name="phone" label={t("registry.phone")}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="category" label={t("registry.category")}>
          <Select
            allowClear
            options={CATEGORIES.map((c) => ({ value: c, label: t(`registry.category.${c}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TalentsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const office = isTalentOffice(me);
  const [q, setQ] = useState("");
  const [params] = useSearchParams();
  // The cockpit's "talents by tier" bars open this list with ?tier=B.
  const [tier, setTier] = useState<Tier | undefined>(() => {
    const v = params.get("tier");
    return v !== null && (TIERS as readonly string[]).includes(v) ? (v as Tier) : undefined;
  });
  const [category, setCategory] = useState<Category | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useCursorList<TalentSummary>(
    (cursor) => registryApi.talents({ q: q || undefined, tier, category, cursor, limit: PAGE }),
    JSON.stringify({ q, tier, category }),
  );

  const columns: TableColumnsType<TalentSummary> = [
    {
      title: t("registry.name"),
      key: "name",
      render: (_, r) => (
        <Link to={`/registry/talents/${r.id}`} className="rc-strong">
          {r.name}
        </Link>
      ),
    },
    {
      title: t("registry.idNumber"),
      dataIndex: "idNumberMasked",
      render: (v: string) => <span className="rc-mono rc-nowrap">{v}</span>,
    },
    {
      title: t("registry.gender"),
      dataIndex: "gender",
      responsive: ["md"],
      render: (g: string) => t(`registry.gender.${g as "male"}`),
    },
    {
      title: t("registry.phone"),
      dataIndex: "phoneMasked",
      responsive: ["md"],
      render: (v: string | null) => <span className="rc-mono">{v ?? "—"}</span>,
    },
    { title: t("registry.employer"), key: "employer", render: (_, r) => r.employer?.name ?? "—" },
    {
      title: t("registry.category"),
      dataIndex: "category",
      responsive: ["lg"],
      render: (c: Category | null) => (c ? t(`registry.category.${c}`) : "—"),
    },
    { title: t("registry.tier"), dataIndex: "tier", render: (v: Tier | null) => <TierTag tier={v} /> },
  ];

  return (
    <>
      <PageHeader
        title={t("registry.talents")}
        extra={
          office ? (
            <Space wrap>
              <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => navigate("/registry/rules")}>
                {t("registry.rules")}
              </Button>
              <Button icon={<ImportOutlined aria-hidden />} onClick={() => navigate("/registry/import")}>
                {t("registry.import")}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t("registry.new")}
              </Button>
            </Space>
          ) : null
        }
      >
        {t("registry.talentsIntro")}
      </PageHeader>
      {office ? <BankChangesCard /> : null}
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t("registry.search")}
              aria-label={t("registry.search")}
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 260 }}
            />
            <Select
              allowClear
              placeholder={t("registry.allTiers")}
              aria-label={t("registry.tier")}
              value={tier}
              onChange={setTier}
              style={{ width: 120 }}
              options={TIERS.map((x) => ({ value: x, label: t("registry.tierLabel", { tier: x }) }))}
            />
            <Select
              allowClear
              placeholder={t("registry.allCategories")}
              aria-label={t("registry.category")}
              value={category}
              onChange={setCategory}
              style={{ width: 200 }}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`registry.category.${c}`) }))}
            />
          </Space>
        }
        extra={
          <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={list.reload}>
            {t("common.refresh")}
          </Button>
        }
      >
        <Table<TalentSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          loading={list.loading && !list.loaded}
          pagination={false}
          size="middle"
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("registry.empty") }}
        />
        <LoadMore
          count={list.items.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onMore={list.loadMore}
        />
      </Card>
      <NewTalentModal
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) navigate(`/registry/talents/${id}`);
        }}
      />
    </>
  );
}
