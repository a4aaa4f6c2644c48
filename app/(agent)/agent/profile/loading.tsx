import { PageLoading } from "@/app/_components/tickets/page-loading";

/**
 * Per page, not per area: a ticket page must not stream inside a loading boundary, or a missing
 * ticket's notFound() could no longer answer HTTP 404 (the status is sent with the first bytes).
 */
export default function Loading() {
  return <PageLoading />;
}
