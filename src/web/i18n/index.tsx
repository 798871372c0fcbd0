import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Lang, MaybeLocalized } from "../api/types";
import { dict, type MsgKey } from "./dict";

export type { MsgKey } from "./dict";
export type Vars = Record<string, string | number>;
export type TFunc = (key: MsgKey, vars?: Vars) => string;

const STORAGE_KEY = "rencai.lang";

function initialLang(): Lang {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === "zh" || v === "en") return v;
  } catch {
    // storage may be unavailable (privacy mode); fall back to Chinese
  }
  return "zh";
}

export function format(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  return format(dict[lang][key] ?? dict.zh[key] ?? key, vars);
}

/** Label of a role code; unknown codes are shown as they are. */
export function roleLabel(lang: Lang, code: string): string {
  const key = `role.${code}` as MsgKey;
  return key in dict.zh ? translate(lang, key) : code;
}

export function orgKindLabel(lang: Lang, kind: string): string {
  const key = `orgKind.${kind}` as MsgKey;
  return key in dict.zh ? translate(lang, key) : kind;
}

/** Pick the right language from a string or a `{ zh, en }` object. */
export function pick(lang: Lang, v: MaybeLocalized | null | undefined): string {
  if (v == null) return "";
  if (typeof v === "string") return v;
  return v[lang] || v[lang === "zh" ? "en" : "zh"] || "";
}

interface LangCtx {
  lang: Lang;
  setLang: (l: Lang) => void;
}

const LangContext = createContext<LangCtx>({ lang: "zh", setLang: () => {} });

function applyLang(lang: Lang) {
  dayjs.locale(lang === "zh" ? "zh-cn" : "en");
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    applyLang(l);
    setLangState(l);
    try {
      window.localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // ignore: the choice then lasts for this page only
    }
  }, []);
  useEffect(() => {
    applyLang(lang);
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangCtx {
  return useContext(LangContext);
}

export function useT(): TFunc {
  const { lang } = useContext(LangContext);
  return useCallback((key: MsgKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}
