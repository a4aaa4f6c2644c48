"use client";

import { useFormatter } from "next-intl";

/** A file's size as people read it: bytes under 1 kB ("512 byte"), then kB, then MB. */
export function useFileSize() {
  const format = useFormatter();
  return (bytes: number) =>
    bytes < 1024
      ? format.number(bytes, { style: "unit", unit: "byte", unitDisplay: "long" })
      : bytes < 1024 * 1024
        ? format.number(Math.round(bytes / 1024), { style: "unit", unit: "kilobyte", unitDisplay: "short" })
        : format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", unitDisplay: "short", maximumFractionDigits: 1 });
}
