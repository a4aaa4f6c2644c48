"use client";

import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Badge } from "@/app/_components/ui/badge";
import { CategoryOptions } from "@/app/_components/faq/result-list";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { FAQ_STATES } from "@/server/schemas/faq";

const STATUSES = ["all", ...FAQ_STATES] as const;
const STATE_TONE = { draft: "warning", published: "success", archived: "neutral" } as const;

/** Every article, any state, newest change first, with its reads and votes. */
export function ArticlesView() {
  const t = useTranslations("faq.manage");
  const tFaq = useTranslations("faq");
  const trpc = useTRPC();
  const router = useRouter();
  const list = useAdminList((input) => trpc.faqEditor.articleList.infiniteQueryOptions(input, nextPage), { status: "all" as (typeof STATUSES)[number], extra: { categoryId: null as number | null } });
  const categories = useQuery(trpc.faqEditor.categoryList.queryOptions({ limit: 100 }));
  return (
    <div className="space-y-4">
      <AdminToolbar
        filters={list}
        searchLabel={t("search")}
        newLabel={t("new")}
        onNew={() => router.push("/agent/faq/manage/new")}
        status={
          <Field label={t("stateFilter")} className="w-40">
            <Select value={list.status} onChange={(e) => list.setStatus(e.target.value as (typeof STATUSES)[number])}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`states.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
        }
      >
        <Field label={tFaq("category")} className="w-48">
          <Select value={list.extra.categoryId ? String(list.extra.categoryId) : ""} onChange={(e) => list.filter("categoryId", e.target.value ? Number(e.target.value) : null)}>
            <option value="">{tFaq("allCategories")}</option>
            <CategoryOptions categories={categories.data?.items} />
          </Select>
        </Field>
      </AdminToolbar>
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(a) => a.title}
        empty={{ title: t("empty") }}
        onEdit={(a) => router.push(`/agent/faq/manage/${a.id}`)}
        status={(a) => (
          <Badge size="sm" dot tone={STATE_TONE[a.state]}>
            {t(`states.${a.state}`)}
          </Badge>
        )}
        columns={[
          {
            key: "title",
            header: t("columns.title"),
            cell: (a) => (
              <>
                <div className="font-medium" dir="auto">
                  {a.title}
                </div>
                <div className="text-xs text-fg-muted">
                  {a.categoryName} · {a.languages.join(", ").toUpperCase()}
                </div>
              </>
            ),
          },
          { key: "visibility", header: t("columns.visibility"), cell: (a) => t(`visibility.${a.visibility}`) },
          { key: "views", header: t("columns.views"), cell: (a) => a.views, numeric: true, align: "end" },
          { key: "helpful", header: t("columns.helpful"), cell: (a) => a.helpful, numeric: true, align: "end" },
          { key: "solved", header: t("columns.solved"), cell: (a) => a.solved, numeric: true, align: "end" },
          { key: "changed", header: t("columns.changed"), cell: (a) => <RelativeTime value={a.changedAt} /> },
        ]}
      />
    </div>
  );
}
