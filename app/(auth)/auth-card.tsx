import type { ReactNode } from "react";
import { Card } from "@/app/_components/ui/card";

/** The card every auth page sits in: heading, description, body, footer line. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <Card className="px-6 py-7 shadow-lg sm:px-8">
        <h1 className="text-xl font-semibold tracking-tight text-fg">{title}</h1>
        {description && <p className="mt-1.5 text-sm text-fg-muted">{description}</p>}
        <div className="mt-6">{children}</div>
      </Card>
      {footer && <p className="mt-6 text-center text-sm text-fg-muted">{footer}</p>}
    </>
  );
}
