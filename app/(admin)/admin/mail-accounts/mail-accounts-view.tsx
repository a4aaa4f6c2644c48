"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { FormDialog } from "@/app/_components/admin-kit/form-dialog";
import { CheckboxField } from "@/app/_components/admin-kit/checkbox-field";
import { AdminTable, AdminToolbar } from "@/app/_components/admin-kit/admin-table";
import { nextPage, useAdminList } from "@/app/_components/admin-kit/use-admin-list";
import { RefSelect } from "@/app/_components/admin-kit/ref-select";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC, useTRPCClient } from "@/app/_components/trpc/provider";
import type { RouterOutputs } from "@/app/_components/trpc/types";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";

type Account = RouterOutputs["adminConfig"]["mailAccountList"]["items"][number];
type TestResult = RouterOutputs["adminConfig"]["mailAccountTest"];

export function MailAccountsView() {
  const t = useTranslations("adminConfig.mailAccounts");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const list = useAdminList((input) => trpc.adminConfig.mailAccountList.infiniteQueryOptions(input, nextPage));
  return (
    <div className="space-y-4">
      <AdminToolbar filters={list} searchLabel={t("search")} newLabel={t("new")} onNew={list.create}>
        <Button variant="ghost" href="/admin/mailboxes">
          {t("statusLink")}
        </Button>
      </AdminToolbar>
      <AdminTable
        query={list.query}
        caption={t("title")}
        name={(x) => x.name}
        empty={{ title: t("empty") }}
        onEdit={(row) => list.open("edit", row)}
        lifecycle={{ setValid: (i) => client.adminConfig.mailAccountSetValid.mutate(i), remove: (i) => client.adminConfig.mailAccountDelete.mutate(i) }}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            cell: (x) => (
              <div>
                <div className="font-medium">{x.name}</div>
                {x.lastError && <div className="text-xs text-danger-text">{t("lastError", { error: x.lastError })}</div>}
              </div>
            ),
          },
          { key: "server", header: t("columns.server"), cell: (x) => t(x.tls ? "serverTls" : "server", { user: x.username, host: x.host, port: x.port }) },
          { key: "folder", header: t("columns.folder"), cell: (x) => x.folder },
          { key: "queue", header: t("columns.queue"), cell: (x) => x.queueName ?? t("queueByAddress") },
          { key: "imported", header: t("columns.imported"), cell: (x) => x.importedCount, align: "end", numeric: true },
        ]}
      />
      {list.dialog && <AccountForm account={list.rowFor("edit") ?? undefined} onClose={list.close} />}
    </div>
  );
}

function AccountForm({ account, onClose }: { account?: Account; onClose: () => void }) {
  const t = useTranslations("adminConfig.mailAccounts");
  const tCommon = useTranslations("adminConfig.common");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const options = useQuery(trpc.adminConfig.options.queryOptions());
  const [name, setName] = useState(account?.name ?? "");
  const [host, setHost] = useState(account?.host ?? "");
  const [port, setPort] = useState(String(account?.port ?? 993));
  const [tls, setTls] = useState(account?.tls ?? true);
  const [username, setUsername] = useState(account?.username ?? "");
  const [secret, setSecret] = useState("");
  const [folder, setFolder] = useState(account?.folder ?? "INBOX");
  const [queueId, setQueueId] = useState<number | null>(account?.queueId ?? null);
  const [followUpByBody, setFollowUpByBody] = useState(account?.followUpByBody ?? false);
  const [deleteAfterImport, setDeleteAfterImport] = useState(account?.deleteAfterImport ?? false);
  const done = () => {
    void saved(tCommon(account ? "savedToast" : "createdToast", { name }));
    onClose();
  };
  const create = useMutation(trpc.adminConfig.mailAccountCreate.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.adminConfig.mailAccountUpdate.mutationOptions({ onSuccess: done }));
  const test = useMutation(trpc.adminConfig.mailAccountTest.mutationOptions());
  const active = account ? update : create;
  const error = active.error ? errorOf(active.error) : test.error ? errorOf(test.error) : null;
  const endpoint = { host, port: Number(port), tls, username, folder };
  const values = { name, ...endpoint, queueId, followUpByBody, deleteAfterImport };
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={account ? t("editTitle", { name: account.name }) : t("createTitle")}
      submitLabel={tCommon(account ? "actions.save" : "actions.create")}
      pending={active.isPending}
      error={error}
      onSubmit={() => (account ? update.mutate({ id: account.id, ...values, secret }) : create.mutate({ ...values, secret }))}
    >
      <Field label={tCommon("fields.name")} required error={error?.fields.name}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
      </Field>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label={t("fields.host")} required error={error?.fields.host}>
          <Input value={host} onChange={(e) => setHost(e.target.value)} maxLength={253} placeholder="imap.example.com" autoComplete="off" />
        </Field>
        <Field label={t("fields.port")} required error={error?.fields.port}>
          <Input type="number" inputMode="numeric" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
        </Field>
      </div>
      <CheckboxField label={t("fields.tls")} hint={t("tlsHint")} checked={tls} onChange={setTls} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fields.username")} required error={error?.fields.username}>
          <Input value={username} onChange={(e) => setUsername(e.target.value)} maxLength={320} autoComplete="off" />
        </Field>
        <Field label={t("fields.secret")} required={!account} error={error?.fields.secret} hint={account ? t("secretKeepHint") : t("secretHint")}>
          <Input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} maxLength={1000} autoComplete="new-password" />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fields.folder")} required error={error?.fields.folder}>
          <Input value={folder} onChange={(e) => setFolder(e.target.value)} maxLength={200} />
        </Field>
        <Field label={t("fields.queue")} optional error={error?.fields.queueId} hint={t("queueHint")}>
          <RefSelect options={options.data?.queues ?? []} value={queueId} onChange={setQueueId} none={t("queueByAddress")} />
        </Field>
      </div>
      <CheckboxField label={t("fields.followUpByBody")} hint={t("followUpByBodyHint")} checked={followUpByBody} onChange={setFollowUpByBody} />
      <CheckboxField label={t("fields.deleteAfterImport")} hint={t("deleteAfterImportHint")} checked={deleteAfterImport} onChange={setDeleteAfterImport} />
      <div className="space-y-2 rounded-lg border border-border bg-surface-muted p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-fg-muted">{t("testHint")}</p>
          <Button variant="secondary" size="sm" loading={test.isPending} onClick={() => test.mutate({ ...endpoint, ...(account ? { id: account.id } : {}), ...(secret ? { secret } : {}) })}>
            {t("test")}
          </Button>
        </div>
        {test.data && <TestOutcome result={test.data} />}
      </div>
    </FormDialog>
  );
}

function TestOutcome({ result }: { result: TestResult }) {
  const t = useTranslations("adminConfig.mailAccounts");
  const ref = useRef<HTMLDivElement>(null);
  // The result appears at the bottom of a scrolling dialog: bring it into view.
  useEffect(() => ref.current?.scrollIntoView({ block: "nearest" }), [result]);
  return (
    <div ref={ref}>
      {result.ok ? (
        <Alert tone="success" title={t("testOk")}>
          {result.folders.length > 0 && t("folders", { list: result.folders.slice(0, 20).join(", ") })}
        </Alert>
      ) : (
        <Alert tone="danger" title={t("testFailed")}>
          {result.error}
        </Alert>
      )}
    </div>
  );
}
