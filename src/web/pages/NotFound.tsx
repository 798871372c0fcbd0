import { Button, Result } from "antd";
import { useNavigate } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { Brand } from "../components/Brand";
import { PageHeader } from "../components/PageHeader";
import { useT } from "../i18n";

/** 404 inside the application shell (logged-in users). */
export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <Result
        status="404"
        subTitle={t("notFound.body")}
        extra={
          <Button type="primary" onClick={() => navigate("/")}>
            {t("notFound.back")}
          </Button>
        }
      />
    </>
  );
}

/** 404 for visitors who are not logged in. */
export function PublicNotFound() {
  const t = useT();
  const navigate = useNavigate();
  const { me } = useAuth();
  return (
    <div className="rc-public-page">
      <Brand />
      <PageHeader title={t("notFound.title")} />
      <Result
        status="404"
        subTitle={t("notFound.body")}
        extra={
          <Button type="primary" onClick={() => navigate(me ? "/" : "/login")}>
            {me ? t("notFound.back") : t("notFound.login")}
          </Button>
        }
      />
    </div>
  );
}
