import { Typography } from "antd";
import { type ReactNode, useEffect } from "react";
import { useT } from "../i18n";

/** The page's <h1>, an optional description and actions on the right; also sets document.title. */
export function PageHeader({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} - ${t("app.name")}`;
  }, [title, t]);
  return (
    <div className="rc-page-header">
      <div className="rc-page-header-main">
        <Typography.Title level={1} className="rc-page-title">
          {title}
        </Typography.Title>
        {children ? <div className="rc-page-desc">{children}</div> : null}
      </div>
      {extra ? <div className="rc-page-extra">{extra}</div> : null}
    </div>
  );
}
