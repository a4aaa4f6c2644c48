import { describe, expect, it } from "vitest";
import { dayOf, endOfDay, instantToWallClock, wallClockToInstant } from "@/server/time/wall-clock";

const at = (value: string, zone: string) => wallClockToInstant(value, zone)?.toISOString();

describe("wall-clock times in a profile's time zone", () => {
  it("Europe/Warsaw: winter +01:00, summer +02:00, on both sides of the March and October changes", () => {
    expect(at("2026-03-28T10:00", "Europe/Warsaw")).toBe("2026-03-28T09:00:00.000Z");
    expect(at("2026-03-29T10:00", "Europe/Warsaw")).toBe("2026-03-29T08:00:00.000Z");
    expect(at("2026-10-24T10:00", "Europe/Warsaw")).toBe("2026-10-24T08:00:00.000Z");
    expect(at("2026-10-25T10:00", "Europe/Warsaw")).toBe("2026-10-25T09:00:00.000Z");
  });

  it("Europe/Warsaw: a skipped time moves forward by the gap; a repeated time takes the earlier", () => {
    // 29 March 2026, 02:00 → 03:00: 02:30 does not exist and is read as 03:30 CEST.
    expect(at("2026-03-29T02:30", "Europe/Warsaw")).toBe("2026-03-29T01:30:00.000Z");
    expect(at("2026-03-29T03:00", "Europe/Warsaw")).toBe("2026-03-29T01:00:00.000Z");
    // 25 October 2026, 03:00 → 02:00: 02:30 happens twice; the first (CEST) is meant.
    expect(at("2026-10-25T02:30", "Europe/Warsaw")).toBe("2026-10-25T00:30:00.000Z");
    expect(at("2026-10-25T03:00", "Europe/Warsaw")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("America/New_York: -05:00 / -04:00 around 8 March and 1 November 2026", () => {
    expect(at("2026-03-07T10:00", "America/New_York")).toBe("2026-03-07T15:00:00.000Z");
    expect(at("2026-03-08T10:00", "America/New_York")).toBe("2026-03-08T14:00:00.000Z");
    expect(at("2026-03-08T02:15", "America/New_York")).toBe("2026-03-08T07:15:00.000Z");
    expect(at("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(at("2026-11-01T10:00", "America/New_York")).toBe("2026-11-01T15:00:00.000Z");
  });

  it("Asia/Tehran (+03:30, no DST) and UTC: the same offset all year", () => {
    expect(at("2026-01-15T10:00", "Asia/Tehran")).toBe("2026-01-15T06:30:00.000Z");
    expect(at("2026-07-15T10:00", "Asia/Tehran")).toBe("2026-07-15T06:30:00.000Z");
    expect(at("2026-07-15T10:00", "UTC")).toBe("2026-07-15T10:00:00.000Z");
  });

  it("a day stands for its first moment; endOfDay is its last, across a DST change too", () => {
    expect(at("2026-03-29", "Europe/Warsaw")).toBe("2026-03-28T23:00:00.000Z");
    expect(endOfDay("2026-03-29", "Europe/Warsaw")?.toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(endOfDay("2026-12-31", "Asia/Tehran")?.toISOString()).toBe("2026-12-31T20:29:59.999Z");
  });

  it("and back: the wall clock and the day an instant shows in a zone", () => {
    const instant = new Date("2026-03-29T08:00:00Z");
    expect(instantToWallClock(instant, "Europe/Warsaw")).toBe("2026-03-29T10:00");
    expect(instantToWallClock(instant, "America/New_York")).toBe("2026-03-29T04:00");
    expect(dayOf(new Date("2026-03-28T23:30:00Z"), "Europe/Warsaw")).toBe("2026-03-29");
    for (const zone of ["Europe/Warsaw", "America/New_York", "Asia/Tehran"]) {
      expect(instantToWallClock(wallClockToInstant("2026-10-25T10:45", zone)!, zone)).toBe("2026-10-25T10:45");
    }
  });

  it("refuses what is not a wall-clock value", () => {
    for (const bad of ["", "tomorrow", "2026-02-30T10:00", "2026-03-29T24:00", "2026-03-29T10:00Z"]) expect(wallClockToInstant(bad, "UTC")).toBeNull();
  });
});
