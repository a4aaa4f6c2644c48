"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useAdminError } from "@/app/_components/admin-kit/errors";
import { AutoSavePermissions } from "@/app/_components/admin-kit/permissions";
import { useSaved } from "@/app/_components/admin-kit/use-saved";
import { useTRPC } from "@/app/_components/trpc/provider";
import { Alert } from "@/app/_components/ui/alert";
import { Spinner } from "@/app/_components/ui/spinner";
import { Table, TBody, Td, Th, THead, Tr } from "@/app/_components/ui/table";

/** The selected group: its queues, and every role's permissions on it (checkboxes save at once). */
export function GroupEditor({ groupId }: { groupId: number }) {
  const t = useTranslations("adminDirectory.permissions");
  const tCommon = useTranslations("common");
  const tDir = useTranslations("adminDirectory");
  const trpc = useTRPC();
  const saved = useSaved();
  const errorOf = useAdminError();
  const data = useQuery(trpc.adminDirectory.groupPermissions.queryOptions({ groupId }));
  const save = useMutation(trpc.adminDirectory.roleSetGroupPermissions.mutationOptions({ onSuccess: () => saved(t("savedToast")) }));

  if (data.isPending) return <Spinner label={tCommon("loading")} />;
  if (data.isError) return <Alert tone="danger">{errorOf(data.error).message}</Alert>;
  const { group, queues, roles } = data.data;
  return (
    <section aria-labelledby="group-roles-title" className="space-y-3">
      <div>
        <h2 id="group-roles-title" className="text-base font-semibold">
          {t("rolesInGroup", { group: group.name })}
        </h2>
        <p className="text-sm text-fg-muted">
          {queues.length ? t("groupQueues", { queues: queues.map((q) => q.name).join(", ") }) : t("groupNoQueues")}
          {!group.valid && ` ${t("groupDisabledHint")}`}
        </p>
      </div>
      {save.error && <Alert tone="danger">{errorOf(save.error).message}</Alert>}
      {roles.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("noRoles")}</p>
      ) : (
        <Table caption={t("rolesCaption", { group: group.name })} captionHidden dense>
          <THead>
            <tr>
              <Th>{t("role")}</Th>
              <Th>{t("held")}</Th>
            </tr>
          </THead>
          <TBody>
            {roles.map((role) => (
                <Tr key={role.id}>
                  <Td className="font-medium whitespace-nowrap">
                    <span className={role.valid ? undefined : "text-fg-subtle line-through"}>{role.name}</span>
                    {!role.valid && <span className="ms-1.5 text-xs font-normal text-fg-subtle">({tDir("status.disabled")})</span>}
                  </Td>
                  <Td>
                    <AutoSavePermissions
                      legend={t("roleIn", { role: role.name, group: group.name })}
                      value={role.permissions}
                      save={(permissions) => save.mutateAsync({ roleId: role.id, groupId, permissions })}
                    />
                  </Td>
                </Tr>
              ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
