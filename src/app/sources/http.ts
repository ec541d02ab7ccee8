/**
 * The one way sources talk HTTP: a time limit on every call, rate limits honoured (429, or a
 * 403 with no requests left, waits for Retry-After or the reset time when that is short, else
 * fails saying when to try again), a server error retried twice, pages followed (Link
 * rel="next" or GitLab's X-Next-Page), redirects followed within the URL's origin only. Every
 * failure is a `SourceError` whose message is fit to show on the key result; no token ever
 * appears in one.
 */

/** A source could not be read; `message` says why in words a user can act on. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** Worth trying again soon: a rate limit, a timeout, an unreachable or failing server. */
    readonly transient = false,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

export interface HttpOptions {
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** The longest wait a rate limit may ask before the read gives up instead; default 5 s. */
  maxWaitMs?: number;
  /** Attempts after a rate limit or a server error; default 3. */
  attempts?: number;
  /** How waiting is done (tests may pass a faster one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface JsonAnswer {
  body: unknown;
  headers: Headers;
  url: string;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The URL without its query (which may carry a key), for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "the URL";
  }
}

/** Milliseconds to wait before trying again, from Retry-After or a reset time. */
export function retryDelayMs(headers: Headers, now: number = Date.now()): number | null {
  const after = headers.get("retry-after");
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
  if (reset !== null && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // GitHub and GitLab send the reset as Unix seconds; small numbers are seconds from now.
    return value > 1e9 ? Math.max(0, value * 1000 - now) : value * 1000;
  }
  return null;
}

function isRateLimited(response: Response): boolean {
  if (response.status === 429) return true;
  return (
    response.status === 403 &&
    (response.headers.get("x-ratelimit-remaining") === "0" ||
      response.headers.get("ratelimit-remaining") === "0")
  );
}

function failureOf(response: Response, url: string, service: string): SourceError {
  const where = shown(url);
  switch (response.status) {
    case 401:
      return new SourceError(
        `${service} refused the connection's token (401 Unauthorized) at ${where}: set a valid token on the connection`,
        401,
      );
    case 403:
      return new SourceError(
        `${service} does not let the connection's token read ${where} (403 Forbidden)`,
        403,
      );
    case 404:
      return new SourceError(`${service} has nothing at ${where} (404 Not Found)`, 404);
    default:
      return new SourceError(
        `${service} answered ${response.status} ${response.statusText} at ${where}`,
        response.status,
        response.status >= 500,
      );
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * One request, following redirects only within the URL's origin: a connection's token travels
 * in its headers (GitLab's `PRIVATE-TOKEN`, a custom header), which a redirect elsewhere would
 * carry to an address nobody chose.
 */
async function fetchWithinOrigin(
  service: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  signal: AbortSignal,
): Promise<Response> {
  const origin = new URL(url).origin;
  let at = url;
  let method = init.method ?? "GET";
  let body = init.body;
  for (let hops = 0; ; hops++) {
    const response = await fetch(at, {
      method,
      headers: { accept: "application/json", ...init.headers },
      body,
      redirect: "manual",
      signal,
    });
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, at);
    if (next.origin !== origin)
      throw new SourceError(
        `${service} at ${shown(at)} redirected to ${next.origin}, another address; the connection's token goes to its own address only`,
      );
    if (hops >= MAX_REDIRECTS)
      throw new SourceError(
        `${service} redirected more than ${MAX_REDIRECTS} times from ${shown(url)}`,
      );
    if (
      response.status === 303 ||
      (response.status !== 307 && response.status !== 308 && method === "POST")
    ) {
      method = "GET";
      body = undefined;
    }
    at = next.toString();
  }
}

/** GETs (or POSTs) JSON, with the time limit, rate-limit waits and retries above. */
export async function fetchJson(
  service: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  options: HttpOptions = {},
): Promise<JsonAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetchWithinOrigin(service, url, init, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (timedOut)
        throw new SourceError(
          `${service} did not answer within ${timeoutMs / 1000} s at ${shown(url)}`,
          undefined,
          true,
        );
      throw new SourceError(
        `Could not reach ${service} at ${shown(url)}: ${causeOf(error)}`,
        undefined,
        true,
      );
    }
    if (isRateLimited(response)) {
      await response.body?.cancel();
      const wait = retryDelayMs(response.headers);
      if (attempt < attempts && wait !== null && wait <= maxWaitMs) {
        await sleep(wait);
        continue;
      }
      const when = wait === null ? "later" : `in ${Math.ceil(wait / 1000)} s`;
      throw new SourceError(
        `${service} rate limit reached (${response.status}); try again ${when}`,
        429,
        true,
      );
    }
    if (response.status >= 500 && attempt < attempts) {
      await response.body?.cancel();
      await sleep(200 * attempt);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failureOf(response, url, service);
    }
    const text = await response.text();
    try {
      return { body: JSON.parse(text), headers: response.headers, url };
    } catch {
      throw new SourceError(`${service} answered with something that is not JSON at ${shown(url)}`);
    }
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** The next page's URL: Link rel="next", else X-Next-Page on the same URL; null on the last. */
export function nextPageUrl(answer: JsonAnswer): string | null {
  const link = answer.headers.get("link");
  if (link) {
    for (const part of link.split(",")) {
      const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
      if (match?.[1]) return new URL(match[1], answer.url).toString();
    }
  }
  const next = answer.headers.get("x-next-page");
  if (next && /^\d+$/.test(next.trim())) {
    const url = new URL(answer.url);
    url.searchParams.set("page", next.trim());
    return url.toString();
  }
  return null;
}

/** Every item of a paged list: follows the pages up to `maxPages` (then says so). */
export async function fetchAllPages(
  service: string,
  firstUrl: string,
  headers: Record<string, string>,
  options: HttpOptions & { maxPages?: number } = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  let url: string | null = firstUrl;
  const maxPages = options.maxPages ?? 100;
  for (let page = 0; url !== null; page++) {
    if (page >= maxPages)
      throw new SourceError(
        `${service} has more than ${maxPages} pages at ${shown(firstUrl)}: narrow the filter`,
      );
    const answer = await fetchJson(service, url, { headers }, options);
    if (!Array.isArray(answer.body))
      throw new SourceError(`${service} answered something other than a list at ${shown(url)}`);
    items.push(...answer.body);
    url = nextPageUrl(answer);
  }
  return items;
}
