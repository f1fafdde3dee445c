import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { emailOutbox, passwordResetTokens, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { sessionStillValid } from "@/lib/auth/session";
import { deliverPendingEmails, enqueueEmail, MAX_ATTEMPTS } from "@/lib/email";
import { newSeller, TEST_PASSWORD } from "./helpers";

// A real SMTP server in the test: what nodemailer sends is parsed back with mailparser.
const received: ParsedMail[] = [];
let refuseOnce = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refuseOnce.has(address.address)) {
      refuseOnce.delete(address.address);
      return callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then((mail) => {
      received.push(mail);
      callback();
    }, callback);
  },
});

function mailTo(address: string) {
  return received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)));
}

describe("password reset by email", () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // Before the first env() read in this file, so the outbox sends over this server.
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    await migrateDb();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("emails a single-use link over SMTP that sets a new password", async () => {
    const { user } = await newSeller("reset");
    await requestPasswordReset(user.email);
    // Signing up also sent the address-confirmation email; this test reads the reset one.
    const [mail] = mailTo(user.email).filter((m) => m.subject?.includes("password"));
    expect(mail?.subject).toBe("Reset your Stockroom password");
    expect(mail.from?.text).toContain("no-reply@stockroom.local");
    const link = mail.text?.match(/https?:\/\/\S+\/reset-password\/([A-Za-z0-9_-]+)/);
    expect(link, mail.text).not.toBeNull();
    expect(mail.html).toContain(link?.[0]);
    const token = link?.[1] ?? "";

    const signedInBefore = Date.now() - 1;
    await resetPassword(token, "a brand new password");
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(sessionStillValid(after, signedInBefore)).toBe(false);
    expect(sessionStillValid(after, Date.now())).toBe(true);
    expect((await authenticateWithPassword({ email: user.email, password: "a brand new password" })).ok).toBe(true);
    expect((await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD })).ok).toBe(false);
    await expect(resetPassword(token, "yet another password")).rejects.toThrow(/expired or was already used/);
  });

  it("sends nothing for an unknown email and refuses an expired link", async () => {
    const before = received.length;
    await requestPasswordReset("nobody-here@example.test");
    expect(received.length).toBe(before);

    const { user } = await newSeller("expired");
    await requestPasswordReset(user.email);
    const token = mailTo(user.email).find((m) => m.subject?.includes("password"))?.text?.match(/reset-password\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
    await db.update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResetTokens.userId, user.id));
    await expect(resetPassword(token, "a brand new password")).rejects.toThrow(/expired/);
    const [stored] = await db.select().from(users).where(eq(users.id, user.id));
    expect(stored.passwordHash).toBeTruthy();
  });

  it("keeps a message the SMTP server refused and delivers it on a later attempt", async () => {
    const to = `flaky-${Date.now()}@example.test`;
    refuseOnce = new Set([to]);
    const id = await enqueueEmail(db, { to, template: "password-reset", props: { name: "Flo", url: "http://localhost/reset-password/x" } });
    expect(id).toBeTruthy();
    const ids = [id ?? ""];
    expect(await deliverPendingEmails({ ids })).toEqual({ sent: 0, failed: 1 });
    const [afterFailure] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, ids[0]));
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1 });
    expect(afterFailure.lastError).toMatch(/try later/);
    expect(afterFailure.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing happens.
    expect(await deliverPendingEmails({ ids })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverPendingEmails({ ids, now: new Date(Date.now() + 10 * 60_000) })).toEqual({ sent: 1, failed: 0 });
    const [sent] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, ids[0]));
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(mailTo(to)).toHaveLength(1);
    expect(MAX_ATTEMPTS).toBeGreaterThan(2);
  });

  it("never queues the same deduplicated message twice", async () => {
    const key = `dedupe-${Date.now()}`;
    const first = await enqueueEmail(db, { to: "d@example.test", template: "password-reset", props: { name: null, url: "http://x" }, dedupeKey: key });
    const second = await enqueueEmail(db, { to: "d@example.test", template: "password-reset", props: { name: null, url: "http://x" }, dedupeKey: key });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });
});
