/**
 * A real SMTP server for tests (`smtp-server`): listens on a free port of 127.0.0.1, accepts
 * every message without TLS or authentication, and keeps each one parsed (`mailparser`).
 * `failing(n)` makes it refuse the next n messages with a 451, as a broken relay would.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Raw header values by lower-case name (unfolded). */
  headers: Map<string, string>;
  /** Every http(s) link in the plain-text part. */
  links: string[];
  attachments: { contentId: string | undefined; contentType: string; size: number }[];
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `count` messages (451, try again later). */
  failing(count: number): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export interface TestSmtpOptions {
  /**
   * Called with each message's envelope sender before the server answers; false makes it
   * refuse the message (nothing is recorded), as if the conversation broke off.
   */
  beforeAccept?: (from: string, to: string[]) => boolean | Promise<boolean>;
}

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refuse = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        if (options.beforeAccept && !(await options.beforeAccept(sender, recipients))) {
          callback(new Error("The conversation broke off"));
          return;
        }
        if (refuse > 0) {
          refuse -= 1;
          const error = new Error("Relay is down, try again later") as Error & {
            responseCode: number;
          };
          error.responseCode = 451;
          callback(error);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const text = parsed.text ?? "";
          received.push({
            messageId: parsed.messageId ?? "",
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text,
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers: new Map(
              parsed.headerLines.map((h) => [
                h.key,
                h.line
                  .slice(h.line.indexOf(":") + 1)
                  .replace(/\r?\n\s+/g, " ")
                  .trim(),
              ]),
            ),
            links: [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
            attachments: parsed.attachments.map((a) => ({
              contentId: a.contentId,
              contentType: a.contentType,
              size: a.size,
            })),
          });
          for (const waiter of [...waiters]) {
            if (received.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failing(count) {
      refuse = count;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
