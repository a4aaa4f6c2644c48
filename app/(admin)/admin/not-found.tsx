import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";

/** notFound() inside the admin area: keeps the shell and points back to the overview. */
export default function AdminNotFound() {
  const t = useTranslations();
  return (
    <div className="py-8">
      <h1 className="sr-only">{t("errors.notFoundTitle")}</h1>
      <EmptyState titleAs="h2" title={t("errors.notFoundTitle")} description={t("errors.notFound")} action={<Button href="/admin">{t("adminMail.overview.backToOverview")}</Button>} />
    </div>
  );
}
