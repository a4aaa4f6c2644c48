"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";

/**
 * The action group at the end of an admin list row: the row's urgent action, edit, the row's own
 * actions, enable or disable, delete. One place, so every admin list offers them in the same
 * order and wording.
 */
export function RowActions(props: {
  name: string;
  enabled: boolean;
  onEdit?: () => void;
  /** Omitted where the row may not be disabled (an admin's own account). */
  onDisable?: () => void;
  onEnable?: () => void;
  enabling?: boolean;
  onDelete?: () => void;
  /** Shown before "Edit" (the row's most urgent action, e.g. approving a sign-up). */
  leading?: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations("adminConfig.common");
  return (
    <div className="flex flex-wrap justify-end gap-1" role="group" aria-label={t("rowActions", { name: props.name })}>
      {props.leading}
      {props.onEdit && (
        <Button size="sm" variant="ghost" onClick={props.onEdit}>
          {t("actions.edit")}
        </Button>
      )}
      {props.children}
      {props.enabled
        ? props.onDisable && (
            <Button size="sm" variant="ghost" onClick={props.onDisable}>
              {t("actions.disable")}
            </Button>
          )
        : props.onEnable && (
            <Button size="sm" variant="ghost" loading={props.enabling} onClick={props.onEnable}>
              {t("actions.enable")}
            </Button>
          )}
      {props.onDelete && (
        <Button size="sm" variant="ghost" className="text-danger-text" onClick={props.onDelete}>
          {t("actions.delete")}
        </Button>
      )}
    </div>
  );
}
