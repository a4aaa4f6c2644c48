import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { OutboxMessage } from "./outbox-message";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireActor("admin");
  const t = await getTranslations("adminMail.message");
  const message = await load((await params).id);
  return { title: t("pageTitle", { subject: message.data.subject }) };
}

export default async function OutboxMessagePage({ params }: Props) {
  await requireActor("admin");
  const { id } = await load((await params).id);
  return (
    <HydrateClient>
      <OutboxMessage id={id} />
    </HydrateClient>
  );
}

/** Loads the message into this request's query client; a bad or unknown id is the area's 404. */
async function load(rawId: string) {
  const id = Number(rawId);
  if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return { id, data: await getQueryClient().fetchQuery(trpc.adminMail.outboxGet.queryOptions({ id })) };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
