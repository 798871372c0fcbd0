// 我要办事: the published service items this user may apply for, each with its guide (conditions,
// materials, steps, time limit, fee); starting one creates a draft and opens it.
import { FormOutlined, SearchOutlined } from "@ant-design/icons";
import { Button, Card, Drawer, Empty, Form, Input, Select, Skeleton, Tag } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import {
  type ApplicantKind,
  applicationApi,
  type CatalogueItem,
  type CatalogueSummary,
  catalogueApi,
  ITEM_KINDS,
  type ItemKind,
} from "../../api/services";
import { useMe } from "../../auth/AuthContext";
import { PageHeader } from "../../components/PageHeader";
import { type TFunc, useT } from "../../i18n";
import { hasRole } from "../../lib/roles";
import { feeText, KindTag } from "./parts";

/** Which of an item's applicant kinds this user can act as. */
function myKinds(talent: boolean, employer: boolean): ApplicantKind[] {
  return [
    ...(talent ? (["talent"] as const) : []),
    ...(employer ? (["employer", "employer_for_staff"] as const) : []),
  ];
}

export function ItemGuide({ item }: { item: CatalogueItem }) {
  const t = useT();
  return (
    <div className="rc-item-guide">
      <dl className="rc-case-facts rc-mb">
        <div>
          <dt>{t("catalogue.kind")}</dt>
          <dd>
            <KindTag kind={item.kind} />
          </dd>
        </div>
        <div>
          <dt>{t("catalogue.owner")}</dt>
          <dd>{item.ownerOrg.name}</dd>
        </div>
        <div>
          <dt>{t("catalogue.promisedDays")}</dt>
          <dd>{t("case.workingDays", { n: item.promisedDays })}</dd>
        </div>
        <div>
          <dt>{t("catalogue.fee")}</dt>
          <dd>{feeText(t, item.feeFen)}</dd>
        </div>
        <div>
          <dt>{t("catalogue.applicants")}</dt>
          <dd>{item.applicants.map((a) => t(`applicantKind.${a}`)).join(t("common.listSep"))}</dd>
        </div>
        <div>
          <dt>{t("catalogue.version")}</dt>
          <dd>{t("catalogue.versionN", { n: item.version })}</dd>
        </div>
      </dl>
      <h3 className="rc-guide-h">{t("catalogue.legalBasis")}</h3>
      <p className="rc-pre-wrap">{item.legalBasis || t("common.none")}</p>
      {item.measures.length ? (
        <>
          <h3 className="rc-guide-h">{t("catalogue.measures")}</h3>
          <ul>
            {item.measures.map((m) => (
              <li key={m.id}>
                {m.label}
                {m.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {item.guide ? (
        <>
          <h3 className="rc-guide-h">{t("catalogue.guide")}</h3>
          <p className="rc-pre-wrap">{item.guide}</p>
        </>
      ) : null}
      <h3 className="rc-guide-h">{t("material.label")}</h3>
      {item.materials.length ? (
        <ul>
          {item.materials.map((m) => (
            <li key={m.code}>
              {m.name}{" "}
              {m.required ? (
                <Tag color="red">{t("material.required")}</Tag>
              ) : (
                <Tag>{t("material.optional")}</Tag>
              )}
              <span className="rc-muted rc-small">{m.types.join(" / ").toUpperCase()}</span>
              {m.note ? <div className="rc-muted rc-small">{m.note}</div> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="rc-muted">{t("material.none")}</p>
      )}
      <h3 className="rc-guide-h">{t("catalogue.workflow")}</h3>
      <ol>
        {item.workflow.steps.map((s) => (
          <li key={s.key}>
            <span className="rc-strong">{s.name}</span>
            <span className="rc-muted">
              {" "}
              · {t(`stepKind.${s.kind}`)} · {s.orgs.map((o) => o.name).join(t("common.listSep"))} ·{" "}
              {t("case.workingDays", { n: s.days })}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function StartModal({
  item,
  onClose,
  kinds,
}: {
  item: CatalogueItem | null;
  onClose: () => void;
  kinds: ApplicantKind[];
}) {
  const t = useT();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ beneficiaryName?: string }>();
  const forStaff =
    !!item &&
    item.applicants.includes("employer_for_staff") &&
    kinds.includes("employer_for_staff") &&
    !item.applicants.includes("employer");
  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      title={item?.name}
      size="large"
      extra={
        <Button
          type="primary"
          icon={<FormOutlined aria-hidden />}
          loading={busy}
          onClick={() => form.submit()}
          disabled={!item}
        >
          {t("apply.start")}
        </Button>
      }
    >
      {item ? (
        <>
          <ItemGuide item={item} />
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              setBusy(true);
              try {
                const app = await applicationApi.create(item.code, v.beneficiaryName?.trim() || undefined);
                navigate(`/services/mine/${app.id}`);
              } catch {
                // shown by the client
              } finally {
                setBusy(false);
              }
            }}
          >
            {forStaff ? (
              <Form.Item
                name="beneficiaryName"
                label={t("apply.beneficiary")}
                rules={[{ required: true, whitespace: true, message: t("apply.beneficiaryRequired") }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            ) : null}
          </Form>
        </>
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function kindOptions(t: TFunc) {
  return ITEM_KINDS.map((k) => ({ value: k, label: t(`itemKind.${k}`) }));
}

export default function ApplyPage() {
  const t = useT();
  const me = useMe();
  const kinds = useMemo(() => myKinds(hasRole(me, "talent"), hasRole(me, "employer")), [me]);
  const [items, setItems] = useState<CatalogueSummary[] | null>(null);
  const [kind, setKind] = useState<ItemKind | undefined>();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState<CatalogueItem | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    catalogueApi
      .list()
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, []);

  const shown = (items ?? []).filter(
    (i) =>
      i.applicants.some((a) => kinds.includes(a)) &&
      (!kind || i.kind === kind) &&
      (!q.trim() || i.name.includes(q.trim()) || i.code.toLowerCase().includes(q.trim().toLowerCase())),
  );

  const openItem = async (code: string) => {
    setOpening(code);
    try {
      setOpen(await catalogueApi.get(code));
    } catch {
      // shown by the client
    } finally {
      setOpening(null);
    }
  };

  return (
    <>
      <PageHeader title={t("apply.title")} extra={<Link to="/services/lists">{t("lists.title")}</Link>}>
        {t("apply.intro")}
      </PageHeader>
      <Card variant="borderless">
        <div className="rc-filters">
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t("apply.search")}
            aria-label={t("apply.search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="rc-filter-search"
          />
          <Select
            allowClear
            placeholder={t("catalogue.anyKind")}
            aria-label={t("catalogue.kind")}
            value={kind}
            onChange={setKind}
            options={kindOptions(t)}
            className="rc-filter-select"
          />
        </div>
        {items === null ? (
          <Skeleton active />
        ) : shown.length === 0 ? (
          <Empty description={t("apply.empty")} />
        ) : (
          <ul className="rc-item-cards" aria-label={t("apply.title")}>
            {shown.map((i) => (
              <li key={i.code} className="rc-item-card" data-code={i.code}>
                <div>
                  <KindTag kind={i.kind} />
                  <span className="rc-strong">{i.name}</span>
                </div>
                <div className="rc-item-card-meta">
                  {i.ownerOrg.name} · {t("catalogue.promisedShort", { n: i.promisedDays })} ·{" "}
                  {feeText(t, i.feeFen)}
                </div>
                <div className="rc-item-card-actions">
                  <Button
                    type="primary"
                    size="small"
                    loading={opening === i.code}
                    onClick={() => openItem(i.code)}
                    aria-label={t("apply.openItem", { name: i.name })}
                  >
                    {t("apply.handle")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <StartModal item={open} onClose={() => setOpen(null)} kinds={kinds} />
    </>
  );
}
