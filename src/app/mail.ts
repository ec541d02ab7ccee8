/**
 * Mail over SMTP (nodemailer): the configuration from the environment, the transport, and the
 * message every kind shares — a plain-text and an HTML part, a link into the app, and a
 * one-click unsubscribe for that kind (RFC 8058 headers and a link, signed, no sign-in).
 */
import { createHmac } from "node:crypto";
import type { Transporter } from "nodemailer";
import { OkrError } from "../core/errors.js";
import { loadMailSecret } from "../store/rhythm.repository.js";
import { secretsEqual } from "./auth-secrets.js";
import type { AppDeps } from "./deps.js";

/** The kinds of mail a person may unsubscribe from, one by one. */
export const MAIL_KINDS = [
  "reminder",
  "digest",
  "quarter-end",
  "mention",
  "reply",
  "change",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_NAMES: Record<MailKind, string> = {
  reminder: "check-in reminders",
  digest: "the weekly digest",
  "quarter-end": "end-of-quarter nudges",
  mention: "mail when someone mentions you",
  reply: "mail about replies to your comments",
  change: "mail about changes to what you own or follow",
};

export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465 (TLS). */
  smtpUrl: string;
  from: string;
}

/** What the rhythm needs from the outside: mail (when configured) and the app's address. */
export interface RhythmConfig {
  mail: MailConfig | null;
  /** The app as browsers reach it, without a trailing slash: links in mail point here. */
  publicUrl: string;
  /**
   * False when `publicUrl` is only the server's own guess (OKR_PUBLIC_URL not set): a link made
   * for an admin in their own request (an invite) may take the address they reached it at.
   */
  publicUrlSet?: boolean;
}

/** One message, before the shared parts are added. */
export interface OutgoingMail {
  to: string;
  kind: MailKind | "account";
  subject: string;
  text: string;
  html: string;
  /** Deterministic per job, so a resend after a crash is recognisably the same message. */
  messageId?: string;
  /** Inline images (content in base64), referenced from the HTML as cid:NAME. */
  attachments?: { cid: string; filename: string; content: string; contentType: string }[];
}

/** Reads OKR_SMTP_URL, OKR_MAIL_FROM and OKR_PUBLIC_URL; mail is off without OKR_SMTP_URL. */
export function rhythmConfigFromEnv(env: NodeJS.ProcessEnv, ownUrl: string): RhythmConfig {
  const publicUrlSet = Boolean(env.OKR_PUBLIC_URL?.trim());
  const publicUrl = (env.OKR_PUBLIC_URL?.trim() || ownUrl).replace(/\/+$/, "");
  try {
    new URL(publicUrl);
  } catch {
    throw new OkrError("invalid_config", `OKR_PUBLIC_URL must be a URL, got '${publicUrl}'`);
  }
  const smtpUrl = env.OKR_SMTP_URL?.trim();
  if (!smtpUrl) return { mail: null, publicUrl, publicUrlSet };
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new OkrError("invalid_config", "OKR_SMTP_URL must be a URL like smtp://host:587");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new OkrError(
      "invalid_config",
      `OKR_SMTP_URL must start with smtp:// or smtps://, got '${parsed.protocol}'`,
    );
  }
  const from = env.OKR_MAIL_FROM?.trim() || `okr <okr@${new URL(publicUrl).hostname}>`;
  return { mail: { smtpUrl, from }, publicUrl, publicUrlSet };
}

let fromEnv: RhythmConfig | undefined;

/**
 * The rhythm's configuration of these deps; without one (a CLI command), the environment's,
 * with links to localhost on PORT when OKR_PUBLIC_URL is not set.
 */
export function rhythmOf(deps: AppDeps): RhythmConfig {
  if (deps.rhythm) return deps.rhythm;
  fromEnv ??= rhythmConfigFromEnv(process.env, `http://localhost:${process.env.PORT || 8080}`);
  return fromEnv;
}

const transports = new Map<string, Promise<Transporter>>();

/** nodemailer is loaded with the first message: a server without mail never holds it. */
function transportOf(config: MailConfig): Promise<Transporter> {
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    transport = import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport(config.smtpUrl),
    );
    transports.set(config.smtpUrl, transport);
  }
  return transport;
}

/** Signs "this address, this kind" for the unsubscribe link. */
export async function unsubscribeTokenOf(
  deps: AppDeps,
  email: string,
  kind: string,
): Promise<string> {
  const body = Buffer.from(JSON.stringify({ e: email.trim().toLowerCase(), k: kind })).toString(
    "base64url",
  );
  const secret = await loadMailSecret(deps.db, deps.now().toISOString());
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

/** The address and kind a token names; `invalid_input` when it was not signed here. */
export async function readUnsubscribeToken(
  deps: AppDeps,
  token: string,
): Promise<{ email: string; kind: MailKind }> {
  const refuse = () =>
    new OkrError("invalid_input", "This unsubscribe link is damaged or not from this okr.", [
      { path: "token", message: "not a valid unsubscribe token" },
    ]);
  const [body, signature] = token.split(".");
  if (!body || !signature) throw refuse();
  const secret = await loadMailSecret(deps.db, deps.now().toISOString());
  const expected = createHmac("sha256", secret).update(body).digest("base64url");
  if (!secretsEqual(expected, signature)) throw refuse();
  try {
    const data = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as {
      e?: unknown;
      k?: unknown;
    };
    if (typeof data.e !== "string" || !MAIL_KINDS.includes(data.k as MailKind)) throw refuse();
    return { email: data.e, kind: data.k as MailKind };
  } catch {
    throw refuse();
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export { escapeHtml };

/**
 * Sends one message; answers false (sending nothing) when mail is not configured. A refusal
 * by the server throws, so the job that sends is retried.
 */
export async function sendMail(deps: AppDeps, mail: OutgoingMail): Promise<boolean> {
  const config = rhythmOf(deps);
  if (!config.mail) return false;
  const headers: Record<string, string> = {};
  let text = mail.text;
  let html = mail.html;
  if (mail.kind !== "account") {
    const token = await unsubscribeTokenOf(deps, mail.to, mail.kind);
    const oneClick = `${config.publicUrl}/api/unsubscribe?token=${token}`;
    const page = `${config.publicUrl}/#/unsubscribe?token=${token}`;
    headers["List-Unsubscribe"] = `<${oneClick}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
    const name = MAIL_KIND_NAMES[mail.kind];
    text += `\n\n--\nTo stop ${name}, open ${page}\n`;
    html += `<hr><p style="color:#666;font-size:12px">Don't want ${escapeHtml(name)}? <a href="${escapeHtml(page)}">Unsubscribe</a>.</p>`;
  }
  await (await transportOf(config.mail)).sendMail({
    from: config.mail.from,
    to: mail.to,
    subject: mail.subject,
    text,
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif">${html}</body></html>`,
    headers,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.attachments
      ? { attachments: mail.attachments.map((a) => ({ ...a, encoding: "base64" })) }
      : {}),
  });
  return true;
}
