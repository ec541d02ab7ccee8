/** One-click unsubscribe: a signed token names the address and the kind; no sign-in needed. */
import { insertUnsubscribe } from "../store/rhythm.repository.js";
import type { AppDeps } from "./deps.js";
import { MAIL_KIND_NAMES, type MailKind, readUnsubscribeToken } from "./mail.js";

/** Records the unsubscribe the token names (twice is once); answers what stopped. */
export async function unsubscribe(
  deps: AppDeps,
  token: string,
): Promise<{ email: string; kind: MailKind; what: string }> {
  const { email, kind } = await readUnsubscribeToken(deps, token);
  await insertUnsubscribe(deps.db, email, kind, deps.now().toISOString());
  return { email, kind, what: MAIL_KIND_NAMES[kind] };
}
