import { useTranslations } from "next-intl";
import { Spinner } from "@/app/_components/ui/spinner";

/** Shown by the areas' loading.tsx while a page's data loads on the server. */
export function PageLoading() {
  const t = useTranslations("common");
  return (
    <div className="flex min-h-[40dvh] items-center justify-center text-fg-muted">
      <Spinner size="lg" label={t("loading")} />
    </div>
  );
}
