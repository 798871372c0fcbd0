import { Tag } from "antd";
import type { BatchStatus, EntitlementStatus, Stage } from "../../api/funds";
import { type MsgKey, useT } from "../../i18n";
import { fmtMoney, fmtWan } from "../../lib/money";

export function Money({ fen }: { fen: number }) {
  return (
    <span className="rc-mono" title={fmtWan(fen)}>
      {fmtMoney(fen)}
    </span>
  );
}

const ENTITLEMENT_COLOR: Record<EntitlementStatus, string> = {
  reserved: "gold",
  payable: "blue",
  paying: "processing",
  paid: "green",
  returned: "purple",
  cancelled: "default",
};
export function EntitlementTag({ status }: { status: EntitlementStatus }) {
  const t = useT();
  return <Tag color={ENTITLEMENT_COLOR[status]}>{t(`funds.status.${status}` as MsgKey)}</Tag>;
}

const STAGE_COLOR: Record<Stage["status"], string> = {
  pending: "default",
  payable: "blue",
  in_batch: "processing",
  paid: "green",
  returned: "purple",
  cancelled: "default",
};
export function StageTag({ status }: { status: Stage["status"] }) {
  const t = useT();
  return <Tag color={STAGE_COLOR[status]}>{t(`funds.stage.${status}` as MsgKey)}</Tag>;
}

const BATCH_COLOR: Record<BatchStatus, string> = {
  draft: "gold",
  approved: "blue",
  exported: "processing",
  closed: "green",
  cancelled: "default",
};
export function BatchTag({ status }: { status: BatchStatus }) {
  const t = useT();
  return <Tag color={BATCH_COLOR[status]}>{t(`funds.batch.${status}` as MsgKey)}</Tag>;
}

/** 元 as typed in a form → integer 分 (no floating point: the digits are shifted as text). */
export function fenOf(yuanText: string): number | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(yuanText);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}
