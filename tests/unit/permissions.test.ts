import { describe, expect, it } from "vitest";
import { permissionType } from "@/db/schema";
import { ACTION_PERMISSION, grants, type Permission, PERMISSIONS } from "@/server/auth/permissions";

describe("grants()", () => {
  it("rw implies every permission", () => {
    for (const needed of PERMISSIONS) expect(grants(["rw"], needed)).toBe(true);
  });

  it("a permission grants itself and nothing else", () => {
    for (const held of PERMISSIONS.filter((p) => p !== "rw")) {
      for (const needed of PERMISSIONS) expect(grants([held], needed)).toBe(held === needed);
    }
  });

  it("ro does not imply note (nor any other write)", () => {
    expect(grants(["ro"], "note")).toBe(false);
    expect(grants(["ro"], "move_into")).toBe(false);
    expect(grants(["ro"], "rw")).toBe(false);
    expect(grants(["ro"], "ro")).toBe(true);
  });

  it("holding nothing grants nothing; several held permissions combine", () => {
    for (const needed of PERMISSIONS) expect(grants([], needed)).toBe(false);
    const held: Permission[] = ["ro", "note"];
    expect(PERMISSIONS.filter((p) => grants(held, p))).toEqual(["ro", "note"]);
  });

  it("accepts any iterable, e.g. a Set", () => {
    expect(grants(new Set<Permission>(["priority"]), "priority")).toBe(true);
    expect(grants(new Set<Permission>(["priority"]), "owner")).toBe(false);
  });
});

describe("ACTION_PERMISSION", () => {
  it("maps every ticket action to a permission the database knows", () => {
    const known = new Set<string>(PERMISSIONS);
    const entries = Object.entries(ACTION_PERMISSION);
    expect(entries.length).toBeGreaterThan(0);
    for (const [action, permission] of entries) expect(known.has(permission), `${action} → ${permission}`).toBe(true);
  });

  it("the code's permission list is the database enum, in order", () => {
    expect([...PERMISSIONS]).toEqual(permissionType.enumValues);
  });

  it("keeps the OTRS meaning of the key actions", () => {
    expect(ACTION_PERMISSION).toMatchObject({
      view: "ro",
      create: "create",
      note: "note",
      priority: "priority",
      move: "move_into",
      beOwner: "owner",
      reply: "rw",
      state: "rw",
      lock: "rw",
      close: "rw",
      owner: "rw",
    });
  });
});
