"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonAsButtonProps } from "./button";

export type SubmitButtonProps = Omit<ButtonAsButtonProps, "type" | "loading"> & {
  /** Label shown while the enclosing form's action runs (defaults to children). */
  pendingLabel?: string;
};

/** A submit button that shows progress while its enclosing <form action> is pending. */
export function SubmitButton({ pendingLabel, children, ...rest }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button {...rest} type="submit" loading={pending}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
