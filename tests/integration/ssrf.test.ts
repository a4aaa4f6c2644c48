import net from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { mailAccounts } from "@/db/schema";
import { pollAccount } from "@/server/mail/imap";
import { isForbiddenAddress, resolvePublicHost } from "@/server/net/ssrf";
import { setSetting } from "@/server/services/settings";
import { callerFor } from "../helpers/caller";
import { createMailAccount } from "../helpers/mail";
import { settle } from "../helpers/refusals";
import { createAgent } from "../factories";

/** A TCP listener on loopback that counts connections and shows what a client sent. */
async function listener(opts: { greet?: string } = {}) {
  const seen: string[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.on("data", (chunk) => seen.push(chunk.toString("latin1")));
    socket.on("error", () => {});
    if (opts.greet) socket.write(opts.greet);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, connections: () => connections, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await setSetting(db, "mail.allowed_hosts", "");
});

const form = { port: 993, tls: true, username: "desk", folder: "INBOX", secret: "typed-password" };

describe("SSRF guard", () => {
  it("classifies loopback, private, link-local, CGNAT, metadata and unspecified addresses as internal", () => {
    const internal = ["127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "224.0.0.1", "255.255.255.255", "not-an-ip"];
    const external = ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"];
    for (const a of internal) expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of external) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it("checks the DNS answer at connect time: a name that resolves inside is refused unless allowed by name", async () => {
    const rebinding = async () => [{ address: "93.184.216.34", family: 4 }, { address: "169.254.169.254", family: 4 }];
    await expect(resolvePublicHost("imap.rebind.example", new Set(), rebinding)).rejects.toMatchObject({ code: "BAD_INPUT", key: "errors.hostInternal" });
    expect(await resolvePublicHost("imap.rebind.example", new Set(["imap.rebind.example"]), rebinding)).toBe("93.184.216.34");
    expect(await resolvePublicHost("imap.public.example", new Set(), async () => [{ address: "93.184.216.34", family: 4 }])).toBe("93.184.216.34");
    await expect(resolvePublicHost("nowhere.invalid", new Set(), async () => Promise.reject(new Error("ENOTFOUND")))).rejects.toMatchObject({ key: "errors.hostUnreachable" });
  });

  it("the IMAP test connection refuses internal hosts before connecting; an allowed host is reached", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const imap = await listener({ greet: "* BYE not today\r\n" });
    closers.push(imap.close);
    for (const host of ["localhost", "169.254.169.254", "[fd00:ec2::254]", "10.0.0.1", "100.64.0.1", "0.0.0.0", "[::1]", "127.0.0.2"]) {
      const refused = await settle(admin.adminConfig.mailAccountTest({ ...form, host, port: imap.port, tls: false }));
      expect(refused, host).toMatchObject({ outcome: "BAD_REQUEST", message: expect.stringMatching(/inside the desk's own network/) });
    }
    expect(imap.connections()).toBe(0);
    // The admin allows the host by name, as typed in the account, on the settings screen.
    const settings = await admin.adminConfig.settingsGet();
    await admin.adminConfig.settingsUpdate({ ...settings, mailAllowedHosts: "imap.lan, LOCALHOST" });
    expect((await admin.adminConfig.settingsGet()).mailAllowedHosts).toBe("imap.lan,localhost");
    const reached = await admin.adminConfig.mailAccountTest({ ...form, host: "localhost", port: imap.port, tls: false });
    expect(reached.ok).toBe(false);
    expect(imap.connections()).toBe(1);
  });

  it("a stored password is never sent to another host or port: the admin must type it again", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const trap = await listener({ greet: "* OK IMAP4rev1 ready\r\n" });
    closers.push(trap.close);
    const account = await createMailAccount({ host: "127.0.0.1", port: 1, tls: false });
    for (const change of [{ host: "127.0.0.1", port: trap.port }, { host: "imap.elsewhere.example", port: 1 }]) {
      const refused = await settle(admin.adminConfig.mailAccountTest({ ...form, id: account.id, ...change, tls: false, secret: undefined }));
      expect(refused).toMatchObject({ outcome: "BAD_REQUEST", message: expect.stringMatching(/enter the password again/) });
    }
    // Turning TLS off on the same server would send it in clear text: also refused.
    const secure = await createMailAccount({ host: "127.0.0.1", port: trap.port, tls: true });
    expect((await settle(admin.adminConfig.mailAccountTest({ ...form, id: secure.id, host: "127.0.0.1", port: trap.port, tls: false, secret: undefined }))).outcome).toBe("BAD_REQUEST");
    expect(trap.connections()).toBe(0);
    expect(trap.seen.join("")).not.toContain("s3cret-imap-password");

    // Saving the account with a new host and no password is refused the same way; the row keeps its host.
    const { secret: _s, id: _i, ...fields } = { ...account, name: account.name };
    const saved = await settle(admin.adminConfig.mailAccountUpdate({ ...fields, id: account.id, host: "imap.elsewhere.example" }));
    expect(saved.outcome).toBe("BAD_REQUEST");
    const [row] = await db.select({ host: mailAccounts.host }).from(mailAccounts).where(eq(mailAccounts.id, account.id));
    expect(row?.host).toBe("127.0.0.1");
  });

  it("the test connection's error says 'could not connect' for a closed port and a non-IMAP listener alike", async () => {
    const admin = callerFor(await createAgent({ admin: true }));
    const open = await listener();
    closers.push(open.close);
    const closedPort = await listener();
    await closedPort.close();
    const answers = [];
    for (const port of [open.port, closedPort.port]) {
      const result = await admin.adminConfig.mailAccountTest({ ...form, host: "127.0.0.1", port, tls: false });
      answers.push(result.error?.replace(String(port), "PORT"));
    }
    expect(answers).toEqual(["could not connect to 127.0.0.1:PORT", "could not connect to 127.0.0.1:PORT"]);
  });

  it("polling an account whose host points at the metadata service records the refusal and connects nowhere", async () => {
    const account = await createMailAccount({ host: "169.254.169.254", port: 143 });
    const result = await pollAccount(db, account.id);
    expect(result).toMatchObject({ status: "error", processed: 0, error: expect.stringMatching(/inside the desk's own network/) });
  });
});
