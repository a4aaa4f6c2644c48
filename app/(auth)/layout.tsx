import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Brand } from "@/app/_components/shell/brand";
import { LanguageSwitcher } from "@/app/_components/shell/language-switcher";
import { ThemeToggle } from "@/app/_components/ui/theme-toggle";

export default function AuthLayout({ children }: { children: ReactNode }) {
  const t = useTranslations("common");
  return (
    <div className="relative isolate flex min-h-dvh flex-col">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-80 bg-linear-to-b from-accent-subtle/70 to-transparent"
      />
      <header className="flex items-center justify-between px-4 py-4 sm:px-6">
        <Brand />
        <div className="flex items-center gap-1">
          <LanguageSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pt-6 pb-16 outline-none sm:items-center sm:pt-0">
        <div className="w-full max-w-[400px]">{children}</div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-fg-subtle">{t("tagline")}</footer>
    </div>
  );
}
