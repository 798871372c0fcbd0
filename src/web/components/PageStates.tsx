import { Button, Card, Result, Skeleton } from "antd";
import { useNavigate } from "react-router-dom";
import { PageHeader } from "./PageHeader";

/** An object page whose object does not exist or is not visible to this user (the API said 404). */
export function MissingPage({
  title,
  body,
  backTo,
  backLabel,
}: {
  title: string;
  body: string;
  backTo: string;
  backLabel: string;
}) {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={title} />
      <Result
        status="404"
        subTitle={body}
        extra={<Button onClick={() => navigate(backTo)}>{backLabel}</Button>}
      />
    </>
  );
}

/** The page frame while its object loads. */
export function LoadingPage({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </>
  );
}
