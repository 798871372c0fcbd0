import { Alert, Button, Card, Input, List, message, Space, Tag, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import { claimApi, type RegistryClaim } from "../../api/claims";
import { isApiError } from "../../api/client";
import { fileApi } from "../../api/policy";
import { PageHeader } from "../../components/PageHeader";
import { useLang, useT } from "../../i18n";

// 档案认领: the claimant proves a record is theirs (SMS code to the phone on the record, or an
// authorisation letter for employers); the talent office approves or rejects pending claims.

const statusColor = { pending: "gold", approved: "green", rejected: "red" } as const;

function ClaimCard({
  claim,
  office,
  onChanged,
}: {
  claim: RegistryClaim;
  office: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [code, setCode] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (isApiError(e)) setError(e.text(lang));
    } finally {
      setBusy(false);
    }
  };
  const pending = claim.status === "pending";
  return (
    <Card
      size="small"
      title={`${claim.kind === "talent" ? t("claims.kindTalent") : t("claims.kindEmployer")}：${claim.recordName}`}
      extra={<Tag color={statusColor[claim.status]}>{t(`claims.status.${claim.status}`)}</Tag>}
      className="rc-mb"
    >
      {office && claim.claimant ? (
        <p>
          {t("claims.claimant")}：{claim.claimant.displayName}（{claim.claimant.username}）
          {claim.kind === "talent" && !claim.nameMatches ? (
            <Tag color="red">{t("claims.nameMismatch")}</Tag>
          ) : null}
        </p>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} className="rc-mb" role="alert" /> : null}
      {!office && pending && claim.sms.available ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("claims.smsIntro", { phone: claim.sms.phoneMasked ?? "" })}</Typography.Text>
          <Space wrap>
            <Button
              loading={busy}
              onClick={() =>
                run(async () => {
                  const res = await claimApi.sendCode(claim.id);
                  setSentTo(res.phoneMasked);
                })
              }
            >
              {t("claims.sendCode")}
            </Button>
            <Input
              aria-label={t("claims.code")}
              placeholder={t("claims.code")}
              value={code}
              maxLength={6}
              inputMode="numeric"
              onChange={(e) => setCode(e.target.value)}
              style={{ width: 140 }}
            />
            <Button
              type="primary"
              loading={busy}
              disabled={!/^\d{6}$/.test(code)}
              onClick={() =>
                run(async () => {
                  await claimApi.verify(claim.id, code);
                  message.success(t("claims.verified"));
                  onChanged();
                })
              }
            >
              {t("claims.verify")}
            </Button>
          </Space>
          {sentTo ? (
            <Typography.Text type="secondary">{t("claims.sent", { phone: sentTo })}</Typography.Text>
          ) : null}
        </Space>
      ) : null}
      {!office && pending && !claim.sms.available ? <p>{t("claims.officeReview")}</p> : null}
      {!office && pending && claim.kind === "employer" ? (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png"
          showUploadList={false}
          customRequest={({ file }) =>
            void run(async () => {
              const f = file as File;
              const stored = await fileApi.upload(f, f.name);
              await claimApi.attachLetter(claim.id, stored.id);
              message.success(t("claims.letterDone"));
              onChanged();
            })
          }
        >
          <Button loading={busy}>
            {claim.hasLetter ? t("claims.letterReplace") : t("claims.letterUpload")}
          </Button>
        </Upload>
      ) : null}
      {office && claim.letterFileId ? (
        <Button type="link" onClick={() => void fileApi.download(claim.letterFileId!, "授权委托书")}>
          {t("claims.letterView")}
        </Button>
      ) : null}
      {office && pending ? (
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              run(async () => {
                await claimApi.decide(claim.id, "approve");
                onChanged();
              })
            }
          >
            {t("claims.approve")}
          </Button>
          <Button
            danger
            loading={busy}
            onClick={() =>
              run(async () => {
                await claimApi.decide(claim.id, "reject");
                onChanged();
              })
            }
          >
            {t("claims.reject")}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

export default function ClaimsPage({ office }: { office: boolean }) {
  const t = useT();
  const [items, setItems] = useState<RegistryClaim[] | null>(null);
  const load = useCallback(async () => {
    setItems(office ? await claimApi.list("pending") : await claimApi.mine());
  }, [office]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <PageHeader title={office ? t("claims.officeTitle") : t("claims.title")} />
      <Typography.Paragraph>{office ? t("claims.officeIntro") : t("claims.intro")}</Typography.Paragraph>
      <List
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: t("claims.empty") }}
        renderItem={(c) => <ClaimCard key={c.id} claim={c} office={office} onChanged={() => void load()} />}
      />
    </>
  );
}
