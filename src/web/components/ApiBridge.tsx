import { App } from "antd";
import { useEffect, useRef } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { setApiHooks } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { translate, useLang } from "../i18n";

/** Connects the plain-module API client to routing, the session state and antd's message API. */
export function ApiBridge() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { lang } = useLang();
  const { setMe, patchMe } = useAuth();
  const locRef = useRef(location);
  locRef.current = location;

  useEffect(() => {
    setApiHooks({
      onAuthRequired() {
        setMe(null);
        message.warning({ content: translate(lang, "auth.expired"), key: "auth-expired" });
        const from = locRef.current;
        if (from.pathname !== "/login") navigate("/login", { replace: true, state: { from } });
      },
      onPasswordChangeRequired() {
        patchMe({ mustChangePassword: true });
        message.warning({ content: translate(lang, "auth.pwChangeRequired"), key: "pw-change" });
        if (locRef.current.pathname !== "/account/password") navigate("/account/password", { replace: true });
      },
      onMfaEnrolmentRequired() {
        patchMe({ mfaEnrolmentRequired: true });
        message.warning({ content: translate(lang, "mfa.requiredToast"), key: "mfa-enrol" });
        if (locRef.current.pathname !== "/account/two-factor")
          navigate("/account/two-factor", { replace: true });
      },
      showError(err) {
        let text = err.text(lang);
        if (err.status >= 500 && err.requestId) {
          text += lang === "zh" ? "（" : " (";
          text += translate(lang, "common.requestId", { id: err.requestId });
          text += lang === "zh" ? "）" : ")";
        }
        message.error({ content: text, key: `${err.code}:${text}` });
      },
    });
  }, [lang, message, navigate, setMe, patchMe]);

  return null;
}
