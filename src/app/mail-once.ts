/**
 * A job's mail, sent once: a deterministic Message-ID per job, and a sent-marker written
 * before the SMTP conversation and completed after the server accepted (decisions/0020).
 */
import { createHash } from "node:crypto";
import { markMailSending, markMailSent } from "../store/rhythm.repository.js";
import type { AppDeps } from "./deps.js";
import { type OutgoingMail, rhythmOf, sendMail } from "./mail.js";

/** The Message-ID of the mail a job key sends: the same on every attempt and every process. */
export function messageIdOf(deps: AppDeps, key: string): string {
  const host = new URL(rhythmOf(deps).publicUrl).hostname || "okr";
  const digest = createHash("sha256").update(key).digest("hex").slice(0, 32);
  return `<${digest}@${host}>`;
}

/**
 * Sends the mail of job `key` unless a previous attempt's marker says the server accepted it.
 * An attempt that died between the server's acceptance and the marker resends the same
 * Message-ID: at least once, and a duplicate is recognisably the same message.
 */
export async function sendOnce(
  deps: AppDeps,
  mail: Omit<OutgoingMail, "messageId"> & { key: string },
): Promise<"sent" | "already-sent" | "mail-off"> {
  if (!rhythmOf(deps).mail) return "mail-off";
  const messageId = messageIdOf(deps, mail.key);
  const state = await markMailSending(
    deps.db,
    { messageId, kind: mail.kind, recipient: mail.to },
    deps.now().toISOString(),
  );
  if (state === "sent") return "already-sent";
  const { key: _key, ...message } = mail;
  await sendMail(deps, { ...message, messageId });
  await markMailSent(deps.db, messageId, deps.now().toISOString());
  return "sent";
}
