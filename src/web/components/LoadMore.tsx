import { Button } from "antd";
import { useT } from "../i18n";

export function LoadMore({
  count,
  hasMore,
  loading,
  onMore,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const t = useT();
  if (count === 0) return null;
  return (
    <div className="rc-loadmore">
      <span className="rc-muted" aria-live="polite">
        {t("common.loaded", { n: count })}
      </span>
      {hasMore ? (
        <Button onClick={onMore} loading={loading}>
          {t("common.loadMore")}
        </Button>
      ) : (
        <span className="rc-muted">{t("common.noMore")}</span>
      )}
    </div>
  );
}
