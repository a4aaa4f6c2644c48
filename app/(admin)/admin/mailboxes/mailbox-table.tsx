"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { nextPage } from "@/app/_components/admin-kit/list-input";
import { PagedList } from "@/app/_components/admin-kit/list-view";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { DateTime, RelativeTime } from "@/app/_components/tickets/relative-time";
import { MAILBOX_INPUT } from "./input";

type Account = RouterOutputs["adminMail"]["accounts"]["items"][number];

/** While the page is open, the table follows the worker's polls. */
const REFRESH_MS = 15_000;

/** Each IMAP account with its last poll, last error and counts, and a "Poll now" button. */
export function MailboxTable() {
  const t = useTranslations("adminMail.mailboxes");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorInfo = useErrorInfo();
  const { toast } = useToast();

  const list = useInfiniteQuery({ ...trpc.adminMail.accounts.infiniteQueryOptions(MAILBOX_INPUT, nextPage), refetchInterval: REFRESH_MS });
  const accounts = list.data?.pages.flatMap((p) => p.items) ?? [];
  const poll = useMutation(
    trpc.adminMail.pollNow.mutationOptions({
      onSuccess: (result, input) => {
        const name = accounts.find((a) => a.id === input.id)?.name ?? "";
        toast(result.queued ? { title: t("pollQueued", { name }), description: t("pollQueuedHint"), tone: "success" } : { title: t("pollAlreadyQueued", { name }), tone: "info" });
      },
      onError: (error) => toast({ title: t("pollFailed"), description: errorInfo(error).message, tone: "danger" }),
      onSettled: () => queryClient.invalidateQueries(trpc.adminMail.accounts.pathFilter()),
    }),
  );

  return (
    <PagedList query={list} count={false} empty={{ title: t("emptyTitle"), description: t("emptyDescription"), action: <Button href="/admin/mail-accounts">{t("addAccount")}</Button> }}>
      {(rows) => (
        <Table caption={t("caption")} captionHidden>
          <THead>
            <tr>
              <Th className="w-full min-w-40">{t("columns.account")}</Th>
              <Th className="hidden sm:table-cell">{t("columns.status")}</Th>
              <Th className="hidden md:table-cell">{t("columns.lastPoll")}</Th>
              <Th className="hidden lg:table-cell">{t("columns.lastError")}</Th>
              <Th align="end" className="hidden sm:table-cell">
                {t("columns.imported")}
              </Th>
              <Th align="end" className="hidden sm:table-cell">
                {t("columns.errors")}
              </Th>
              <Th align="end">
                <span className="sr-only">{tCommon("actions")}</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((account) => (
              <Tr key={account.id}>
                <Td className="max-w-xs align-top">
                  <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-fg">
                    {account.name}
                    <span className="sm:hidden">
                      <StatusBadge account={account} />
                    </span>
                  </p>
                  <p className="text-xs [overflow-wrap:anywhere] text-fg-muted">
                    {endpoint(account, t("noTls"))}
                  </p>
                  <p className="text-xs text-fg-muted">{account.queueName ? t("intoQueue", { queue: account.queueName }) : t("defaultQueue")}</p>
                  <div className="mt-1.5 space-y-0.5 text-xs text-fg-muted lg:hidden">
                    <p className="md:hidden">
                      {t("columns.lastPoll")}: {account.lastPollAt ? <RelativeTime value={account.lastPollAt} /> : t("never")}
                    </p>
                    {account.lastError && <p className="[overflow-wrap:anywhere] text-danger-text">{account.lastError}</p>}
                    <p className="sm:hidden">{t("countsShort", { imported: account.importedCount, errors: account.errorCount })}</p>
                  </div>
                </Td>
                <Td className="hidden align-top sm:table-cell">
                  <StatusBadge account={account} />
                </Td>
                <Td className="hidden align-top text-fg-muted md:table-cell">
                  {account.lastPollAt ? <RelativeTime value={account.lastPollAt} /> : t("never")}
                </Td>
                <Td className="hidden max-w-72 align-top lg:table-cell">
                  {account.lastError ? (
                    <>
                      <p className="line-clamp-3 text-sm break-words text-danger-text" title={account.lastError}>
                        {account.lastError}
                      </p>
                      {account.lastErrorAt && <DateTime value={account.lastErrorAt} className="text-xs text-fg-muted" />}
                    </>
                  ) : (
                    <span className="text-fg-subtle">{t("noError")}</span>
                  )}
                </Td>
                <Td numeric align="end" className="hidden align-top sm:table-cell">
                  {account.importedCount}
                </Td>
                <Td numeric align="end" className="hidden align-top sm:table-cell">
                  {account.errorCount}
                </Td>
                <Td align="end" className="align-top">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={!account.valid || (poll.isPending && poll.variables?.id !== account.id)}
                    loading={poll.isPending && poll.variables?.id === account.id}
                    aria-label={t("pollNowLabel", { name: account.name })}
                    onClick={() => poll.mutate({ id: account.id })}
                  >
                    {t("pollNow")}
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </PagedList>
  );
}

function StatusBadge({ account }: { account: Account }) {
  const t = useTranslations("adminMail.mailboxes.statuses");
  if (!account.valid) return <Badge size="sm">{t("disabled")}</Badge>;
  if (account.lastError) {
    return (
      <Badge tone="danger" dot size="sm">
        {t("error")}
      </Badge>
    );
  }
  if (!account.lastPollAt) {
    return (
      <Badge tone="info" dot size="sm">
        {t("waiting")}
      </Badge>
    );
  }
  return (
    <Badge tone="success" dot size="sm">
      {t("ok")}
    </Badge>
  );
}

function endpoint(a: Account, noTls: string): string {
  return [`${a.host}:${a.port}`, a.folder, a.username, a.tls ? null : noTls].filter(Boolean).join(" · ");
}
