import { PageLoading } from "@/app/_components/tickets/page-loading";

export default function Loading() {
  return <PageLoading />;
}
