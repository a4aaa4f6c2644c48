"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardFooter } from "@/app/_components/ui/card";
import { cn } from "@/app/_components/ui/cn";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { usePriorityLabel } from "@/app/_components/tickets/priority-badge";
import { useSubmitKey } from "@/app/_components/tickets/submit-key";
import { minutes, TimeUnitsField } from "../[id]/zoom-fields";
import { NewTicketTemplatePicker } from "./template-picker";
import { useIsolate } from "@/app/_components/ui/use-isolate";

type Channel = "phone" | "email" | "internal";
type FieldName = "queue" | "customerEmail" | "title" | "body" | "files";

/** Agents open phone tickets (for a caller) and internal tickets (for colleagues). */
export function NewAgentTicketForm() {
  const t = useTranslations("tickets.create");
  const tZoom = useTranslations("zoom.newTicket");
  const tCommon = useTranslations("common");
  const isolate = useIsolate();
  const trpc = useTRPC();
  const router = useRouter();
  const { toast } = useToast();
  const errorInfo = useErrorInfo();
  const priorityLabel = usePriorityLabel();
  const options = useQuery(trpc.meta.options.queryOptions());
  const create = useMutation(trpc.ticket.create.mutationOptions());
  // One key per form: a double click or a retry opens one ticket (the form leaves after success).
  const submitKey = useSubmitKey();
  const [navigating, startNavigation] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const [channel, setChannel] = useState<Channel>("phone");
  const [queueId, setQueueId] = useState("");
  const [customerEmail, setCustomerEmail] = useState("");
  const [customerName, setCustomerName] = useState("");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [priorityId, setPriorityId] = useState("");
  const [typeId, setTypeId] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [timeUnits, setTimeUnits] = useState("");
  const withCustomer = channel === "phone" || channel === "email";
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const attachments = useAttachments();

  const queues = options.data?.queues ?? [];
  const priorities = options.data?.priorities ?? [];
  const normal = priorities.find((p) => p.level === 3) ?? priorities[0];
  const chosenPriority = priorityId || (normal ? String(normal.id) : "");

  if (options.isSuccess && queues.length === 0) {
    return <EmptyState title={t("noQueuesTitle")} description={t("noQueues")} />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found: Partial<Record<FieldName, string>> = {};
    if (!queueId) found.queue = t("validation.queue");
    if (withCustomer && !z.email().safeParse(customerEmail.trim()).success) found.customerEmail = t("validation.customerEmail");
    if (!title.trim()) found.title = t("validation.title");
    if (!body.trim()) found.body = t("validation.body");
    if (attachments.blocker) found.files = attachments.blocker;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // After React paints the errors, move focus to the first field to fix.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      const created = await create.mutateAsync({
        channel,
        queueId: Number(queueId),
        title,
        body,
        priorityId: chosenPriority ? Number(chosenPriority) : undefined,
        typeId: typeId ? Number(typeId) : undefined,
        serviceId: serviceId ? Number(serviceId) : undefined,
        customerEmail: withCustomer ? customerEmail.trim() : undefined,
        customerName: withCustomer && customerName.trim() ? customerName.trim() : undefined,
        timeUnits: minutes(timeUnits),
        uploadIds: attachments.uploadIds,
        submitKey: submitKey.key,
      });
      attachments.clear();
      toast({ title: t("agentCreatedToast", { number: isolate(created.number) }), tone: "success" });
      startNavigation(() => router.push(`/agent/tickets/${created.id}`));
    } catch (e) {
      setFailure(errorInfo(e).message);
    }
  }

  const busy = create.isPending || navigating;
  const channelText: Record<Channel, { label: string; hint: string }> = {
    phone: { label: t("channelPhone"), hint: t("channelPhoneHint") },
    email: { label: tZoom("channelEmail"), hint: tZoom("channelEmailHint") },
    internal: { label: t("channelInternal"), hint: t("channelInternalHint") },
  };

  return (
    <Card>
      <form ref={formRef} onSubmit={submit} noValidate>
        <CardBody className="space-y-5 py-5">
          {failure && <Alert tone="danger">{failure}</Alert>}
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-fg">{t("channel")}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              {(["phone", "email", "internal"] as const).map((value) => (
                <label
                  key={value}
                  className={cn(
                    "flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-ring/25",
                    channel === value ? "border-accent bg-accent-subtle/50" : "border-border-strong hover:bg-surface-hover",
                  )}
                >
                  <input
                    type="radio"
                    name="channel"
                    value={value}
                    checked={channel === value}
                    onChange={() => setChannel(value)}
                    aria-describedby={`channel-${value}-hint`}
                    className="mt-0.5 size-4 shrink-0 accent-accent"
                  />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-fg">{channelText[value].label}</span>
                    <span id={`channel-${value}-hint`} className="mt-0.5 block text-[13px] leading-snug text-fg-muted">
                      {channelText[value].hint}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t("queue")} error={errors.queue} required>
              <Select value={queueId} onChange={(e) => setQueueId(e.target.value)} placeholder={t("chooseQueue")}>
                {queues.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("priority")}>
              <Select value={chosenPriority} onChange={(e) => setPriorityId(e.target.value)}>
                {priorities.map((p) => (
                  <option key={p.id} value={p.id}>
                    {priorityLabel(p.level, p.name)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>

          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t("type")} optional>
              <Select value={typeId} onChange={(e) => setTypeId(e.target.value)} placeholder={t("none")}>
                {(options.data?.types ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("service")} optional>
              <Select value={serviceId} onChange={(e) => setServiceId(e.target.value)} placeholder={t("none")}>
                {(options.data?.services ?? []).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>

          <NewTicketTemplatePicker
            queueId={queueId}
            customerName={withCustomer ? customerName.trim() || customerEmail.trim() : ""}
            onFill={(filled) => {
              if (filled.subject) setTitle(filled.subject);
              setBody(filled.body);
            }}
          />

          {withCustomer && (
            <div className="grid gap-5 sm:grid-cols-2">
              <Field label={t("customerEmail")} hint={t("customerEmailHint")} error={errors.customerEmail} required>
                <Input
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  spellCheck={false}
                  autoCapitalize="none"
                  maxLength={254}
                  value={customerEmail}
                  onChange={(e) => setCustomerEmail(e.target.value)}
                />
              </Field>
              <Field label={t("customerName")} optional>
                <Input autoComplete="off" maxLength={200} value={customerName} onChange={(e) => setCustomerName(e.target.value)} />
              </Field>
            </div>
          )}

          <Field label={t("subject")} error={errors.title} required>
            <Input maxLength={250} value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
          <Field label={t("body")} hint={channel === "email" ? tZoom("emailBodyHint") : t("agentBodyHint")} error={errors.body} required>
            <Textarea rows={8} maxLength={100_000} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          <AttachmentPicker attachments={attachments} error={errors.files} />
          <TimeUnitsField value={timeUnits} onChange={setTimeUnits} />
        </CardBody>
        <CardFooter>
          <Button href="/agent/tickets" variant="ghost">
            {tCommon("cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {busy ? t("submitting") : t("submit")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
