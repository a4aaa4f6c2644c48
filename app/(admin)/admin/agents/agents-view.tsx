"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { EnabledBadge } from "@/app/_components/admin-directory/badges";
import { agentListInput, namedListInput } from "@/app/_components/admin-directory/list-inputs";
import { PagedList, SearchField, Toolbar } from "@/app/_components/admin-directory/list-view";
import { useDebounced } from "@/app/_components/admin-directory/use-debounced";
import { useSaved } from "@/app/_components/admin-directory/use-saved";
import { RelativeTime } from "@/app/_components/tickets/relative-time";
import { RowActions } from "@/app/_components/admin-directory/row-actions";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";
import type { AGENT_STATUS } from "@/server/schemas/admin-directory";
import { PasswordDialog } from "@/app/_components/admin-directory/password-dialog";
import { AccessDialog, AgentForm, DisableAgent, type Agent } from "./agent-dialogs";

type Status = (typeof AGENT_STATUS)[number];
type Open = { kind: "create" } | { kind: "edit" | "access" | "password" | "disable"; agent: Agent } | null;

export function AgentsView({ selfId }: { selfId: number }) {
  const t = useTranslations("adminDirectory.agents");
  const tDir = useTranslations("adminDirectory");
  const tStatus = useTranslations("adminDirectory.status");
  const tRoles = useTranslations("nav.roles");
  const trpc = useTRPC();
  const saved = useSaved();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("all");
  const [roleId, setRoleId] = useState<number | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const input = agentListInput(useDebounced(search.trim()), status, roleId);
  const list = useInfiniteQuery({
    ...trpc.adminDirectory.agentList.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const roles = useQuery(trpc.adminDirectory.roleList.queryOptions({ ...namedListInput("", "all"), limit: 100 }));
  const enable = useMutation(trpc.adminDirectory.agentSetEnabled.mutationOptions({ onSuccess: () => saved(t("enabledToast")) }));
  const close = () => setOpen(null);

  return (
    <div className="space-y-4">
      <Toolbar label={tDir("list.filters")}>
        <SearchField label={t("search")} value={search} onChange={setSearch} />
        <Field label={tStatus("label")} className="w-40">
          <Select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="all">{tStatus("all")}</option>
            <option value="enabled">{tStatus("enabled")}</option>
            <option value="disabled">{tStatus("disabled")}</option>
          </Select>
        </Field>
        <Field label={t("roleFilter")} className="w-48">
          <Select value={roleId ? String(roleId) : ""} onChange={(e) => setRoleId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("anyRole")}</option>
            {roles.data?.items.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => setOpen({ kind: "create" })}>{t("new")}</Button>
      </Toolbar>
      <PagedList query={list} empty={{ title: t("empty"), description: tDir("list.emptyHint") }}>
        {(items) => (
          <Table caption={t("caption")} captionHidden dense>
            <THead>
              <tr>
                <Th>{t("columns.name")}</Th>
                <Th>{t("columns.role")}</Th>
                <Th className="hidden lg:table-cell">{t("columns.roles")}</Th>
                <Th>{tDir("columns.status")}</Th>
                <Th className="hidden md:table-cell">{t("columns.lastSignIn")}</Th>
                <Th align="end">{tDir("columns.actions")}</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((agent) => (
                <Tr key={agent.id}>
                  <Td>
                    <div className="font-medium">{agent.name}</div>
                    <div className="text-xs text-fg-muted">{agent.email}</div>
                  </Td>
                  <Td>
                    <Badge size="sm" tone={agent.role === "admin" ? "info" : "neutral"}>
                      {tRoles(agent.role)}
                    </Badge>
                  </Td>
                  <Td className="hidden max-w-64 text-fg-muted lg:table-cell">{agent.roles.map((r) => r.name).join(", ") || "—"}</Td>
                  <Td>
                    <EnabledBadge enabled={agent.enabled} />
                  </Td>
                  <Td className="hidden text-fg-muted md:table-cell">{agent.lastSignInAt ? <RelativeTime value={agent.lastSignInAt} /> : t("never")}</Td>
                  <Td align="end">
                    <RowActions
                      name={agent.name}
                      enabled={agent.enabled}
                      onEdit={() => setOpen({ kind: "edit", agent })}
                      onDisable={agent.id === selfId ? undefined : () => setOpen({ kind: "disable", agent })}
                      onEnable={() => enable.mutate({ id: agent.id, enabled: true })}
                      enabling={enable.isPending && enable.variables?.id === agent.id}
                    >
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "access", agent })}>
                        {t("access")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "password", agent })}>
                        {t("password")}
                      </Button>
                    </RowActions>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </PagedList>
      {open?.kind === "create" && <AgentForm onClose={close} />}
      {open?.kind === "edit" && <AgentForm agent={open.agent} isSelf={open.agent.id === selfId} onClose={close} />}
      {open?.kind === "access" && <AccessDialog agent={open.agent} onClose={close} />}
      {open?.kind === "password" && <PasswordDialog kind="agent" user={open.agent} onClose={close} />}
      {open?.kind === "disable" && <DisableAgent agent={open.agent} onClose={close} />}
    </div>
  );
}
