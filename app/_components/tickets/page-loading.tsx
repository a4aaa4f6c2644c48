import { useTranslations } from "next-intl";
import { Spinner } from "@/app/_components/ui/spinner";

/** Shown by the pages' loading.tsx while their data loads on the server (never around a ticket page: its 404 must not stream). */
export function PageLoading() {
  const t = useTranslations("common");
  return (
    <div className="flex min-h-[40dvh] items-center justify-center text-fg-muted">
      <Spinner size="lg" label={t("loading")} />
    </div>
  );
}
