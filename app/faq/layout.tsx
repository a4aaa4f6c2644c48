import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Brand } from "@/app/_components/shell/brand";
import { Button } from "@/app/_components/ui/button";
import { ThemeToggle } from "@/app/_components/ui/theme-toggle";

/** The public FAQ: no account, no session data on these pages. */
export default function PublicFaqLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("faq");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-3 border-b border-border px-4 py-3 sm:px-6">
        <Brand href="/faq" area={t("title")} />
        <div className="flex items-center gap-2">
          <Button href="/sign-in" variant="ghost" size="sm">
            {t("signIn")}
          </Button>
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-3xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
