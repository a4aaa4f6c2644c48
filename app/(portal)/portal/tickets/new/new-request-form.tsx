"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardBody, CardFooter } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { useErrorInfo } from "@/app/_components/trpc/errors";
import { useTRPC } from "@/app/_components/trpc/provider";
import { AttachmentPicker, useAttachments } from "@/app/_components/tickets/attachment-picker";
import { usePriorityLabel } from "@/app/_components/tickets/priority-badge";
import { SimilarOpenRequests } from "@/app/_components/tickets/similar-open-requests";
import { useSubmitKey } from "@/app/_components/tickets/submit-key";
import { FaqSuggestions } from "@/app/_components/faq/suggestions";

type FieldName = "queue" | "title" | "body" | "files";

/** A customer's request: department, (priority where the department allows), subject, message. */
export function NewRequestForm() {
  const t = useTranslations("tickets.create");
  const tCommon = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const errorInfo = useErrorInfo();
  const priorityLabel = usePriorityLabel();
  const options = useQuery(trpc.meta.options.queryOptions());
  const create = useMutation(trpc.ticket.create.mutationOptions());
  // One key per form: a double click or a retry opens one ticket (the form leaves after success).
  const submitKey = useSubmitKey();
  const [navigating, startNavigation] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const [queueId, setQueueId] = useState("");
  const [priorityId, setPriorityId] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const attachments = useAttachments();

  const queues = options.data?.queues ?? [];
  const priorities = options.data?.priorities ?? [];
  // Offered only where the admin lets customers choose a service (the server refuses it otherwise).
  const services = options.data?.services ?? [];
  const queue = queues.find((q) => String(q.id) === queueId);
  const mayChoosePriority = queue?.customerMayChoosePriority ?? false;
  const normal = priorities.find((p) => p.level === 3) ?? priorities[0];
  const chosenPriority = priorityId || (normal ? String(normal.id) : "");

  if (options.isSuccess && queues.length === 0) {
    return <EmptyState title={t("noDepartmentsTitle")} description={t("noDepartments")} />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found: Partial<Record<FieldName, string>> = {};
    if (!queueId) found.queue = t("validation.department");
    if (!title.trim()) found.title = t("validation.title");
    if (!body.trim()) found.body = t("validation.body");
    if (attachments.blocker) found.files = attachments.blocker;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    try {
      const created = await create.mutateAsync({
        channel: "web",
        queueId: Number(queueId),
        title,
        body,
        priorityId: mayChoosePriority && chosenPriority ? Number(chosenPriority) : undefined,
        serviceId: serviceId ? Number(serviceId) : undefined,
        uploadIds: attachments.uploadIds,
        submitKey: submitKey.key,
      });
      attachments.clear();
      // The ticket page greets with the number, so the customer has it at once.
      startNavigation(() => router.push(`/portal/tickets/${created.id}?created=1`));
    } catch (e) {
      setFailure(errorInfo(e).message);
    }
  }

  const busy = create.isPending || navigating;

  return (
    <Card>
      <form ref={formRef} onSubmit={submit} noValidate>
        <CardBody className="space-y-5 py-5">
          {failure && <Alert tone="danger">{failure}</Alert>}
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label={t("department")} hint={t("departmentHint")} error={errors.queue} required>
              <Select value={queueId} onChange={(e) => setQueueId(e.target.value)} placeholder={t("chooseDepartment")}>
                {queues.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
              </Select>
            </Field>
            {mayChoosePriority && (
              <Field label={t("priority")} hint={t("priorityHint")}>
                <Select value={chosenPriority} onChange={(e) => setPriorityId(e.target.value)}>
                  {priorities.map((p) => (
                    <option key={p.id} value={p.id}>
                      {priorityLabel(p.level, p.name)}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </div>
          {services.length > 0 && (
            <Field label={t("service")} hint={t("serviceHint")} optional>
              <Select value={serviceId} onChange={(e) => setServiceId(e.target.value)} placeholder={t("noService")}>
                {services.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label={t("subject")} hint={t("subjectHint")} error={errors.title} required>
            <Input maxLength={250} value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
          <Field label={t("body")} hint={t("bodyHint")} error={errors.body} required>
            <Textarea rows={8} maxLength={100_000} value={body} onChange={(e) => setBody(e.target.value)} />
          </Field>
          <FaqSuggestions subject={title} body={body} />
          <AttachmentPicker attachments={attachments} error={errors.files} />
          <SimilarOpenRequests title={title} body={body} />
        </CardBody>
        <CardFooter>
          <Button href="/portal/tickets" variant="ghost">
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
