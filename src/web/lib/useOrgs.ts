import { useCallback, useEffect, useState } from "react";
import { orgApi } from "../api/endpoints";
import type { Org } from "../api/types";

/** The flat organisation list (GET /api/orgs). */
export function useOrgs(enabled = true) {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [loading, setLoading] = useState(enabled);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const res = await orgApi.list();
      setOrgs(res.items);
    } catch {
      // shown by the client
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    if (enabled) reload();
  }, [enabled, reload]);
  return { orgs, loading, reload };
}
