import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingEmail = { to: string; subject: string; html: string | null; text: string | null };

const g = globalThis as unknown as { __stockroomSmtp?: { url: string; transporter: Transporter } };

function transporter(url: string): Transporter {
  if (g.__stockroomSmtp?.url !== url) g.__stockroomSmtp = { url, transporter: nodemailer.createTransport(url) };
  return g.__stockroomSmtp.transporter;
}

/**
 * Sends over SMTP_URL when set. Without it the message stays in the outbox, which
 * /dev/mailbox shows: that is the dev mailbox's delivery.
 */
export async function transportEmail(msg: OutgoingEmail): Promise<"smtp" | "dev-mailbox"> {
  const e = env();
  if (!e.SMTP_URL) return "dev-mailbox";
  await transporter(e.SMTP_URL).sendMail({ from: e.EMAIL_FROM, to: msg.to, subject: msg.subject, html: msg.html ?? undefined, text: msg.text ?? undefined });
  return "smtp";
}
