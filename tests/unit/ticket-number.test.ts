import { describe, expect, it } from "vitest";
import { checkDigit, formatTicketNumber, isValidTicketNumber } from "@/server/services/tickets/number";

describe("date-checksum ticket numbers", () => {
  it("formats the first ticket of 23 Nov 2026 as in the spec", () => {
    expect(formatTicketNumber("2026-11-23", "10", 1)).toBe("2026112310000011");
  });

  it("writes a check digit of 10 as 1 and validates numbers", () => {
    expect(checkDigit("000000000000000")).toBe(1);
    expect(isValidTicketNumber("2026112310000011")).toBe(true);
    expect(isValidTicketNumber("2026112310000012")).toBe(false);
  });

  it("pads the counter and system id", () => {
    const n = formatTicketNumber("2026-01-05", "7", 123);
    expect(n.slice(0, 15)).toBe("202601050700123");
    expect(isValidTicketNumber(n)).toBe(true);
  });
});
