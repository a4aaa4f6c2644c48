"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FaqFiles } from "@/app/_components/faq/faq-article";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { Tabs } from "@/app/_components/tickets/tabs";
import { DateTime } from "@/app/_components/tickets/relative-time";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardFooter } from "@/app/_components/ui/card";
import { CategoryOptions } from "@/app/_components/faq/result-list";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Spinner } from "@/app/_components/ui/spinner";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { FAQ_LANGUAGES, FAQ_VISIBILITIES, type FaqLanguage, type FaqVisibility } from "@/server/schemas/faq";

type Loaded = RouterOutputs["faqEditor"]["articleGet"];
type Text = { title: string; body: string; keywords: string };
const EMPTY: Text = { title: "", body: "", keywords: "" };

/** Loads the article (or starts a new one), then the form. */
export function ArticleEditor({ id }: { id: number | null }) {
  const t = useTranslations("faq.editor");
  const trpc = useTRPC();
  const errorOf = useAdminError();
  const article = useQuery({ ...trpc.faqEditor.articleGet.queryOptions({ id: id ?? 0 }), enabled: id !== null });
  if (id === null) return <ArticleForm />;
  if (article.data) return <ArticleForm key={article.data.version} article={article.data} />;
  return article.isError ? <Alert tone="danger">{errorOf(article.error).message}</Alert> : <Spinner label={t("loading")} />;
}

function ArticleForm({ article }: { article?: Loaded }) {
  const t = useTranslations("faq.editor");
  const tManage = useTranslations("faq.manage");
  const tLang = useTranslations("faq.languages");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errorOf = useAdminError();
  const categories = useQuery(trpc.faqEditor.categoryList.queryOptions({ limit: 100 }));
  const [categoryId, setCategoryId] = useState(article ? String(article.categoryId) : "");
  const [visibility, setVisibility] = useState<FaqVisibility>(article?.visibility ?? "customers");
  const [texts, setTexts] = useState<Partial<Record<FaqLanguage, Text>>>(Object.fromEntries((article?.translations ?? []).map((x) => [x.language, { title: x.title, body: x.body, keywords: x.keywords }])));
  const [tab, setTab] = useState<FaqLanguage>((article?.translations[0]?.language as FaqLanguage | undefined) ?? "en");
  const refresh = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.faqEditor.pathKey() });
    toast({ title: message, tone: "success" });
  };
  const create = useMutation(trpc.faqEditor.articleCreate.mutationOptions({ onSuccess: (r) => router.replace(`/agent/faq/manage/${r.id}`) }));
  const update = useMutation(trpc.faqEditor.articleUpdate.mutationOptions({ onSuccess: () => refresh(t("saved")) }));
  // Sent files are claimed by the save; the form re-mounts with the new version, so nothing is kept twice.
  const setState = useMutation(trpc.faqEditor.articleSetState.mutationOptions({ onSuccess: (r) => refresh(t(`stateToast.${r.state}`)) }));
  const attachments = useAttachments();
  const save = article ? update : create;
  const error = save.error ? errorOf(save.error) : setState.error ? errorOf(setState.error) : null;
  const filled = FAQ_LANGUAGES.filter((l) => texts[l]?.title.trim());
  const edit = (language: FaqLanguage, patch: Partial<Text>) => setTexts({ ...texts, [language]: { ...(texts[language] ?? EMPTY), ...patch } });

  function submit() {
    const translations = filled.map((language) => ({ language, ...texts[language]! }));
    const fields = { categoryId: Number(categoryId), visibility, translations, uploadIds: attachments.uploadIds };
    if (article) update.mutate({ ...fields, id: article.id, version: article.version });
    else create.mutate(fields);
  }

  return (
    <div className="space-y-6">
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          noValidate
        >
          <CardBody className="space-y-5 py-5">
            {error && <Alert tone="danger">{error.message}</Alert>}
            {article && (
              <div className="flex flex-wrap items-center gap-3 text-sm text-fg-muted">
                <Badge dot tone={article.state === "published" ? "success" : article.state === "draft" ? "warning" : "neutral"}>
                  {tManage(`states.${article.state}`)}
                </Badge>
                <span>{t("counts", { views: article.views, helpful: article.helpful, solved: article.solved })}</span>
              </div>
            )}
            <div className="grid gap-5 sm:grid-cols-2">
              <Field label={t("category")} required error={error?.fields.categoryId}>
                <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)} placeholder={t("chooseCategory")}>
                  <CategoryOptions categories={categories.data?.items} />
                </Select>
              </Field>
              <Field label={t("visibility")} hint={t(`visibilityHint.${visibility}`)}>
                <Select value={visibility} onChange={(e) => setVisibility(e.target.value as FaqVisibility)}>
                  {FAQ_VISIBILITIES.map((v) => (
                    <option key={v} value={v}>
                      {tManage(`visibility.${v}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Tabs
              label={t("languagesLabel")}
              active={tab}
              onChange={setTab}
              items={FAQ_LANGUAGES.map((language) => ({
                key: language,
                label: (
                  <span className="inline-flex items-center gap-1.5">
                    {tLang(language)}
                    {texts[language]?.title.trim() && <span aria-hidden="true" className="size-1.5 rounded-full bg-accent" />}
                  </span>
                ),
                panel: (
                  <div className="space-y-4 pt-4" lang={language}>
                    <Field label={t("titleField")} hint={t("titleHint")}>
                      <Input value={texts[language]?.title ?? ""} onChange={(e) => edit(language, { title: e.target.value })} maxLength={300} dir="auto" />
                    </Field>
                    <Field label={t("keywords")} hint={t("keywordsHint")} optional>
                      <Input value={texts[language]?.keywords ?? ""} onChange={(e) => edit(language, { keywords: e.target.value })} maxLength={1000} dir="auto" />
                    </Field>
                    <Field label={t("body")} hint={t("bodyHint")}>
                      <Textarea rows={14} value={texts[language]?.body ?? ""} onChange={(e) => edit(language, { body: e.target.value })} maxLength={200_000} dir="auto" className="font-mono text-[13px]" />
                    </Field>
                  </div>
                ),
              }))}
            />
            {article && <FaqFiles files={article.attachments} />}
            <AttachmentPicker attachments={attachments} error={attachments.blocker} />
          </CardBody>
          <CardFooter>
            {article && article.state !== "published" && (
              <Button variant="secondary" loading={setState.isPending} onClick={() => setState.mutate({ id: article.id, version: article.version, state: "published" })}>
                {t("publish")}
              </Button>
            )}
            {article && article.state === "published" && (
              <Button variant="secondary" loading={setState.isPending} onClick={() => setState.mutate({ id: article.id, version: article.version, state: "draft" })}>
                {t("unpublish")}
              </Button>
            )}
            {article && article.state !== "archived" && (
              <Button variant="ghost" loading={setState.isPending} onClick={() => setState.mutate({ id: article.id, version: article.version, state: "archived" })}>
                {t("archive")}
              </Button>
            )}
            <Button type="submit" loading={save.isPending} disabled={filled.length === 0 || !categoryId || attachments.blocker !== null}>
              {article ? t("save") : t("create")}
            </Button>
          </CardFooter>
        </form>
      </Card>
      {article && <History id={article.id} />}
    </div>
  );
}

function History({ id }: { id: number }) {
  const t = useTranslations("faq.editor");
  const trpc = useTRPC();
  const history = useQuery(trpc.faqEditor.history.queryOptions({ id }));
  return (
    <section aria-labelledby="faq-history">
      <h2 id="faq-history" className="mb-2 text-base font-semibold">
        {t("history")}
      </h2>
      <ol className="space-y-1.5 text-sm">
        {history.data?.map((h) => (
          <li key={h.id} className="flex flex-wrap gap-x-2 text-fg-muted">
            <DateTime value={h.createdAt} className="tabular-nums" />
            <span className="text-fg">{h.actorName ?? t("someone")}</span>
            <span>{t(`actions.${h.action as "create"}`, { language: h.language?.toUpperCase() ?? "" })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
