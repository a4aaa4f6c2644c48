import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignedInFaqArticlePage } from "@/app/_components/faq/article-page";
import { requireActor } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("faq");
  return { title: t("title") };
}

export default async function AgentFaqArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("agent", "admin");
  return <SignedInFaqArticlePage actor={actor} id={(await params).id} base="/agent/faq" />;
}
