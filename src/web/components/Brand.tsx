import { useT } from "../i18n";

export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      className="rc-brand-mark"
    >
      <rect width="64" height="64" rx="12" fill="#c0392b" />
      <path
        d="M12 22h40M38 10v40q0 5-5 5h-5M38 24 14 46"
        stroke="#fff"
        strokeWidth="6"
        strokeLinecap="round"
        strokeLinejoin="round"
        fill="none"
      />
    </svg>
  );
}

export function Brand({ compact = false }: { compact?: boolean }) {
  const t = useT();
  return (
    <div className="rc-brand">
      <BrandMark />
      <div className="rc-brand-text">
        <span className="rc-brand-name">{t("app.name")}</span>
        {compact ? null : <span className="rc-brand-sub">{t("app.subtitle")}</span>}
      </div>
    </div>
  );
}
