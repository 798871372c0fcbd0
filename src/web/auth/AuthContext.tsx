import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { isApiError, setCsrfToken } from "../api/client";
import { authApi } from "../api/endpoints";
import type { Me } from "../api/types";

type Status = "loading" | "ready" | "error";

interface AuthCtx {
  status: Status;
  me: Me | null;
  setMe: (me: Me | null) => void;
  /** Re-reads /api/auth/me; resolves to null when not logged in. */
  refresh: () => Promise<Me | null>;
  patchMe: (patch: Partial<Me>) => void;
  /** Changes the unread notification count by `delta` (never below zero). */
  adjustUnread: (delta: number) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthCtx | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>("loading");
  const [me, setMeState] = useState<Me | null>(null);

  const setMe = useCallback((m: Me | null) => {
    setCsrfToken(m?.csrfToken ?? null);
    setMeState(m);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const m = await authApi.me();
      setMe(m);
      setStatus("ready");
      return m;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setMe(null);
        setStatus("ready");
        return null;
      }
      setStatus((s) => (s === "loading" ? "error" : s));
      throw e;
    }
  }, [setMe]);

  const patchMe = useCallback((patch: Partial<Me>) => {
    setMeState((m) => (m ? { ...m, ...patch } : m));
  }, []);

  const adjustUnread = useCallback((delta: number) => {
    setMeState((m) => (m ? { ...m, unreadNotifications: Math.max(0, m.unreadNotifications + delta) } : m));
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // the session may already be gone; the user is logged out either way
    }
    setMe(null);
  }, [setMe]);

  useEffect(() => {
    refresh().catch(() => {});
  }, [refresh]);

  const value = useMemo(
    () => ({ status, me, setMe, refresh, patchMe, adjustUnread, logout }),
    [status, me, setMe, refresh, patchMe, adjustUnread, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthCtx {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** The logged-in user; only for components rendered behind RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error("useMe without a session");
  return me;
}
