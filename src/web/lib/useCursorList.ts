import { useCallback, useEffect, useRef, useState } from "react";
import type { Page } from "../api/types";

/**
 * A list read with cursor paging. `fetchPage(cursor)` is called with null for the first page;
 * a new `key` (e.g. the filters, serialised) starts over. Errors are shown by the API client.
 */
export function useCursorList<T, P extends Page<T> = Page<T>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  key: string,
) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [last, setLast] = useState<P | null>(null);
  const gen = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (from: string | null) => {
    const my = ++gen.current;
    setLoading(true);
    try {
      const page = await fetchRef.current(from);
      if (my !== gen.current) return;
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLast(page);
      setLoaded(true);
    } catch {
      // shown by the client
    } finally {
      if (my === gen.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => load(null), [load]);

  const [shownKey, setShownKey] = useState<string | null>(null);
  useEffect(() => {
    if (shownKey === key) return;
    setShownKey(key);
    setItems([]);
    setCursor(null);
    setLoaded(false);
    load(null);
  }, [key, shownKey, load]);

  const loadMore = useCallback(() => {
    if (cursor) load(cursor);
  }, [cursor, load]);

  return { items, setItems, hasMore: cursor !== null, loading, loaded, loadMore, reload, last };
}
