import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Table,
  Tag,
} from "antd";
import { useEffect, useState } from "react";
import { isApiError } from "../../api/client";
import {
  type RevealField,
  registryApi,
  type Talent,
  type Tier,
  type TierExplained,
} from "../../api/registry";
import { type MsgKey, useLang, useT } from "../../i18n";
import { fmtTime, measureNumber } from "../../lib/format";

/** 分 → "12,345.67 元". */
export function fmtYuan(fen: number | null): string {
  if (fen === null) return "—";
  return `${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}

export function TierTag({ tier }: { tier: Tier | null }) {
  const t = useT();
  if (!tier) return <span className="rc-muted">{t("registry.noTier")}</span>;
  const color = { A: "red", B: "volcano", C: "orange", D: "blue", E: "cyan" }[tier];
  return <Tag color={color}>{t("registry.tierLabel", { tier })}</Tag>;
}

/** A modal asking for a reason, then showing the full values; every call is audited server-side. */
export function RevealModal({
  talent,
  open,
  onClose,
}: {
  talent: Talent;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<{ reason: string; fields: RevealField[] }>();
  const [shown, setShown] = useState<Partial<Record<RevealField, string | null>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setShown(null);
    setError(null);
    form.resetFields();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      setShown(await registryApi.reveal(talent.id, { reason: values.reason.trim(), fields: values.fields }));
      setError(null);
    } catch (e) {
      setError(isApiError(e) ? e.text(lang) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldLabel: Record<RevealField, MsgKey> = {
    idNumber: "registry.idNumber",
    phone: "registry.phone",
    bankAccount: "registry.bankAccount",
  };
  return (
    <Modal
      title={t("registry.revealTitle")}
      open={open}
      onCancel={close}
      onOk={submit}
      okText={t("registry.reveal")}
      confirmLoading={busy}
      footer={
        shown
          ? () => (
              <Button type="primary" onClick={close}>
                {t("registry.close")}
              </Button>
            )
          : undefined
      }
      destroyOnHidden
    >
      {shown ? (
        <Descriptions column={1} bordered size="small" title={t("registry.revealed")}>
          {(Object.keys(shown) as RevealField[]).map((f) => (
            <Descriptions.Item key={f} label={t(fieldLabel[f])}>
              <span className="rc-mono">{shown[f] ?? t("registry.none")}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ fields: ["idNumber"] }}>
          <Alert type="warning" showIcon message={t("registry.revealHelp")} style={{ marginBottom: 16 }} />
          <Form.Item name="fields" label={t("registry.fields")} rules={[{ required: true }]}>
            <Checkbox.Group
              options={(Object.keys(fieldLabel) as RevealField[]).map((f) => ({
                value: f,
                label: t(fieldLabel[f]),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("registry.reason")}
            rules={[{ required: true, min: 4, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} /> : null}
        </Form>
      )}
    </Modal>
  );
}

/** Everything the record holds, masked; used by the talent office's detail page and "my profile". */
export function TalentSections({ talent }: { talent: Talent }) {
  const t = useT();
  const none = <span className="rc-muted">{t("registry.none")}</span>;
  const small = {
    size: "small" as const,
    pagination: false as const,
    rowKey: (_: unknown, i?: number) => String(i),
  };
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t("registry.basics")}>
        <Descriptions.Item label={t("registry.name")}>{talent.name}</Descriptions.Item>
        <Descriptions.Item label={t("registry.idNumber")}>
          <span className="rc-mono">{talent.idNumberMasked}</span>{" "}
          <span className="rc-muted rc-small">{t(`registry.idType.${talent.idType}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.gender")}>
          {t(`registry.gender.${talent.gender}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.birthDate")}>{talent.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t("registry.phone")}>
          <span className="rc-mono">{talent.phoneMasked ?? "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.bankAccount")}>
          <span className="rc-mono">{talent.bankAccountMasked ?? "—"}</span>
          {talent.pendingBankChange ? (
            <div data-testid="bank-pending">
              <Tag color="gold">{t("registry.bankPending")}</Tag>
              <span className="rc-muted rc-small">
                {t("registry.bankPendingDetail", {
                  account: talent.pendingBankChange.accountMasked ?? t("registry.bankChanges.none"),
                })}
              </span>
            </div>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.employer")}>{talent.employer?.name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("registry.category")}>
          {talent.category ? t(`registry.category.${talent.category}`) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.industry")}>{talent.industry ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("registry.arrivalDate")}>{talent.arrivalDate ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("registry.salaryYearly")}>
          {fmtYuan(talent.salaryYearly)}
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.taxYearly")}>{fmtYuan(talent.taxYearly)}</Descriptions.Item>
        <Descriptions.Item label={t("registry.tier")}>
          <TierTag tier={talent.tier} />
        </Descriptions.Item>
        <Descriptions.Item label={t("registry.updatedAt")}>{fmtTime(talent.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <h3 className="rc-section-title">{t("registry.educations")}</h3>
      <Table
        {...small}
        dataSource={talent.educations}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.degree"), dataIndex: "degree" },
          { title: t("registry.school"), dataIndex: "school" },
          { title: t("registry.major"), dataIndex: "major", render: (v) => v ?? "—" },
          { title: t("registry.year"), dataIndex: "year", render: (v) => v ?? "—" },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.titles")}</h3>
      <Table
        {...small}
        dataSource={talent.titles}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.titleName"), dataIndex: "name" },
          { title: t("registry.level"), dataIndex: "level" },
          { title: t("registry.year"), dataIndex: "year", render: (v) => v ?? "—" },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.skills")}</h3>
      <Table
        {...small}
        dataSource={talent.skills}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.occupation"), dataIndex: "name" },
          { title: t("registry.level"), dataIndex: "level" },
          { title: t("registry.year"), dataIndex: "year", render: (v) => v ?? "—" },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.awards")}</h3>
      <Table
        {...small}
        dataSource={talent.awards}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.award"), dataIndex: "name" },
          {
            title: t("registry.level"),
            dataIndex: "level",
            render: (v: string) => t(`registry.awardLevel.${v}` as MsgKey),
          },
          { title: t("registry.year"), dataIndex: "year" },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.patents")}</h3>
      <Table
        {...small}
        dataSource={talent.patents}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.patentTitle"), dataIndex: "title" },
          {
            title: t("registry.patentKind"),
            dataIndex: "kind",
            render: (v: string) => t(`registry.patentKind.${v}` as MsgKey),
          },
          { title: t("registry.patentNumber"), dataIndex: "number", render: (v) => v ?? "—" },
          { title: t("registry.year"), dataIndex: "year" },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.engagements")}</h3>
      <Table
        {...small}
        dataSource={talent.engagements}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.employer"), dataIndex: "employerName" },
          {
            title: t("registry.engagements"),
            dataIndex: "kind",
            render: (v: string) => t(`registry.engagement.${v}` as MsgKey),
          },
          {
            title: t("registry.period"),
            key: "period",
            render: (_, e) => `${e.startsOn} ~ ${e.endsOn ?? t("registry.untilNow")}`,
          },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.postdocs")}</h3>
      <Table
        {...small}
        dataSource={talent.postdocs}
        locale={{ emptyText: none }}
        columns={[
          { title: t("registry.station"), dataIndex: "station" },
          {
            title: t("registry.period"),
            key: "period",
            render: (_, p) => `${p.startsOn} ~ ${p.endsOn ?? t("registry.untilNow")}`,
          },
        ]}
      />
      <h3 className="rc-section-title">{t("registry.tierHistory")}</h3>
      <Table
        {...small}
        dataSource={talent.tierHistory}
        locale={{ emptyText: none }}
        columns={[
          {
            title: t("registry.tier"),
            dataIndex: "tier",
            render: (v: string) => (v === "none" ? t("registry.tierNone") : <TierTag tier={v as Tier} />),
          },
          { title: t("registry.recognisedOn"), dataIndex: "recognisedOn" },
          { title: t("registry.note"), dataIndex: "note", render: (v) => v ?? "—" },
          { title: t("registry.recordedBy"), key: "by", render: (_, h) => h.recordedBy?.name ?? "—" },
        ]}
      />
    </>
  );
}

export function useErrorText() {
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  return (e: unknown) => {
    if (isApiError(e)) message.error(e.text(lang));
  };
}

const VERDICT_COLOR = { pass: "success", fail: "default", unknown: "warning" } as const;

/** Why the current tier rules give this talent the tier they give, tier by tier, with clauses. */
export function TierExplanationCard({ talentId }: { talentId: string }) {
  const t = useT();
  const { lang } = useLang();
  const [data, setData] = useState<TierExplained | null>(null);
  useEffect(() => {
    registryApi
      .tierExplain(talentId)
      .then(setData)
      .catch(() => setData(null));
  }, [talentId]);
  if (!data) return null;
  const e = data.explanation;
  return (
    <Card
      variant="borderless"
      title={t("registry.tierExplain")}
      extra={
        <span className="rc-muted rc-small">
          {data.ruleSet.title} · v{data.ruleSet.version}
        </span>
      }
    >
      <p>
        {t("registry.tierByRules")}{" "}
        {e.result === "none" ? (
          t("registry.noTier")
        ) : e.result === "unknown" ? (
          <Tag color="warning">{t("registry.verdict.unknown")}</Tag>
        ) : (
          <TierTag tier={e.result as Tier} />
        )}
      </p>
      {e.steps.map((step) => (
        <div key={step.tier} style={{ marginBottom: 12 }}>
          <div>
            <TierTag tier={step.tier as Tier} />{" "}
            <Tag color={VERDICT_COLOR[step.result]}>{t(`registry.verdict.${step.result}`)}</Tag>
            {step.citation ? (
              <span className="rc-muted rc-small">
                {step.citation.doc}
                {step.citation.measure
                  ? ` ${t("registry.measure", { n: measureNumber(lang, step.citation.measure) })}`
                  : ""}
              </span>
            ) : null}
          </div>
          <ul className="rc-small">
            {step.conditions.map((c) => (
              <li key={c.path}>
                <Tag color={VERDICT_COLOR[c.result]}>{t(`registry.verdict.${c.result}`)}</Tag>
                {lang === "zh" ? c.label.zh : c.label.en}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}
