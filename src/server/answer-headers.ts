/**
 * The headers every answer of a request carries (security policy, request id, caching), kept
 * as plain fields while the middleware runs instead of in the framework's `Headers` object.
 * A JSON answer made whole by `answerWhole` carries them as one plain record, which the
 * Node adapter writes as it is: no `Headers` is built, filled, checked and sorted per request.
 * Every other answer (static files, answers made by the framework, an ETag's 304, compressed
 * bodies) gets them where it lacks them, once, on its way out (`applyAnswerHeaders`), as it
 * would have had them from `c.header`.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { ServerEnv } from "./context.js";

interface AnswerState {
  /** Lower-case names, in the order first set. */
  headers: Record<string, string>;
  /** Whether something set headers the framework's way (`c.header`, cookies): then it answers. */
  framework: boolean;
}

type AnyContext = Context<ServerEnv>;

const states = new WeakMap<AnyContext, AnswerState>();
/** Answers made whole here: they carry every header already and need nothing more. */
const whole = new WeakSet<Response>();

/**
 * Starts a request's answer headers; put it first, so that what runs after it (error answers
 * included) comes back through it and leaves with the headers.
 */
export function answerHeaders(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const state: AnswerState = { headers: {}, framework: false };
    states.set(c, state);
    const frameworkHeader = c.header;
    c.header = ((name: string, value?: string, options?: { append?: boolean }) => {
      state.framework = true;
      return frameworkHeader(name, value as string, options);
    }) as typeof c.header;
    await next();
    applyAnswerHeaders(c);
  };
}

/** Sets `name` on the answer to come, as `c.header` would (a later value replaces it). */
export function setAnswerHeader(c: AnyContext, name: string, value: string): void {
  const state = states.get(c);
  if (state) state.headers[name.toLowerCase()] = value;
  else c.header(name, value);
}

/**
 * The answer `body` with `status`, carrying the request's answer headers and `headers` (which
 * win) as one plain record; undefined where the framework must make it (headers were set its
 * way, or this request keeps no answer headers).
 */
export function answerWhole(
  c: AnyContext,
  body: string | Uint8Array<ArrayBuffer>,
  status: number,
  headers: Record<string, string>,
): Response | undefined {
  const state = states.get(c);
  if (!state || state.framework) return undefined;
  const answer = new Response(body, { status, headers: merged(state.headers, headers) });
  whole.add(answer);
  return answer;
}

/**
 * `first`'s fields, then `second`'s (which win), in a new record: copied field by field, since
 * on Node 20 a spread of the two takes microseconds (decisions/0049).
 */
function merged(first: Record<string, string>, second: Record<string, string>) {
  const all: Record<string, string> = {};
  for (const name in first) all[name] = first[name] as string;
  for (const name in second) all[name] = second[name] as string;
  return all;
}

/** Whether the answer now on its way out was made whole by `answerWhole`. */
export function isAnsweredWhole(c: AnyContext): boolean {
  return c.finalized && whole.has(c.res);
}

/** Gives the answer on its way out each answer header it lacks (nothing if made whole). */
export function applyAnswerHeaders(c: AnyContext): void {
  const state = states.get(c);
  if (!state || isAnsweredWhole(c)) return;
  const entries = Object.entries(state.headers);
  if (entries.length === 0) return;
  const headers = c.res.headers;
  for (const [name, value] of entries) if (!headers.has(name)) headers.set(name, value);
}
