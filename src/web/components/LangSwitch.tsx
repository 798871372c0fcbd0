import { Segmented } from "antd";
import { useLang, useT } from "../i18n";

export function LangSwitch({ size = "middle" }: { size?: "small" | "middle" }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <fieldset className="rc-lang" aria-label={t("lang.label")}>
      <Segmented
        size={size}
        value={lang}
        onChange={(v) => setLang(v === "en" ? "en" : "zh")}
        options={[
          { label: <span lang="zh-CN">中文</span>, value: "zh" },
          { label: <span lang="en">EN</span>, value: "en" },
        ]}
      />
    </fieldset>
  );
}
