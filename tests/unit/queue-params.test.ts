import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, filtersFromInput, parseQueueFilters, queueFiltersToSearch, queueListInput, readerOf, type QueueFilters } from "@/app/_components/queue-view/params";

const full: QueueFilters = {
  queueId: 3,
  status: "new",
  owner: "unowned",
  responsible: "me",
  lock: "unlocked",
  priorityId: 5,
  typeId: 2,
  serviceId: 4,
  customerUserId: 9,
  customerCompanyId: 11,
  waiting: true,
  remindersDue: true,
  includeArchived: true,
  escalation: 240,
  createdFrom: "2026-01-01",
  createdTo: "2026-01-31",
  changedFrom: "2026-02-01",
  changedTo: "2026-02-28",
  text: "printer",
  sort: "waiting",
  direction: "asc",
  drill: { closedFrom: "2026-03-01T00:00:00.000Z", closedTo: "2026-04-01T00:00:00.000Z", openAt: "2026-04-01T00:00:00.000Z", articleSender: "agent" },
};

describe("queue view parameters", () => {
  it("the plain list has a plain URL", () => {
    expect(queueFiltersToSearch(DEFAULT_FILTERS)).toBe("");
  });

  it("every filter survives the URL and a saved search", () => {
    const search = queueFiltersToSearch(full);
    expect(parseQueueFilters(readerOf(new URLSearchParams(search)))).toEqual(full);
    const input = queueListInput(full, 42, "UTC");
    expect(input).toMatchObject({ ownerId: "unowned", responsibleId: 42, createdTo: "2026-01-31T23:59:59.999Z", sort: "waiting", includeArchived: true });
    expect(filtersFromInput(input as Record<string, unknown>, 42, "UTC")).toEqual(full);
  });

  it("a specific owner and responsible agent survive the URL and a saved search", () => {
    const specific: QueueFilters = { ...full, owner: 12, responsible: 13 };
    expect(parseQueueFilters(readerOf(new URLSearchParams(queueFiltersToSearch(specific))))).toEqual(specific);
    const input = queueListInput(specific, 42, "UTC");
    expect(input).toMatchObject({ ownerId: 12, responsibleId: 13, serviceIds: [4], customerCompanyId: 11, changedFrom: "2026-02-01T00:00:00.000Z" });
    expect(filtersFromInput(input as Record<string, unknown>, 42, "UTC")).toEqual(specific);
    expect(parseQueueFilters(readerOf(new URLSearchParams("?owner=me"))).owner).toBe("me");
  });

  it("'mine' is the signed-in agent, and junk in the URL falls back to defaults", () => {
    expect(queueListInput({ ...DEFAULT_FILTERS, owner: "me" }, 7, "UTC").ownerId).toBe(7);
    expect(parseQueueFilters(readerOf(new URLSearchParams("?queue=-1&status=bogus&sort=drop&from=yesterday")))).toEqual(DEFAULT_FILTERS);
  });
});
