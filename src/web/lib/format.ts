import dayjs from "dayjs";

/** ISO timestamp → local "YYYY-MM-DD HH:mm:ss" (or "—"). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm:ss") : iso;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD") : iso;
}

/** Only same-origin absolute paths are followed from server-provided links. */
export function safeInternalLink(link: string | null | undefined): string | null {
  if (!link) return null;
  if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return null;
  return link;
}
