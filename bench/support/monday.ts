/**
 * The Monday-morning load: many people at once, each signed in through `POST /api/session` and
 * carrying their own session cookie (no shared token), mostly reading (the quarter's tree, the
 * dashboard, My OKRs, a key result's history) and checking in one request in five.
 */
import { hashPassword } from "../../src/app/auth-secrets.js";
import { openDatabase } from "../../src/store/database.js";
import { insertUser } from "../../src/store/users.repository.js";
import { callApi } from "./http.js";
import { BROWSER_ACCEPTS, type LoadPlan, type LoadProfile } from "./load.js";

/** A person signed in: the cookie their browser sends, and the CSRF token their writes carry. */
export interface SignedInUser {
  email: string;
  cookie: string;
  csrfToken: string;
}

const PASSWORD = "a Monday morning password";

/**
 * Writes `count` accounts straight into the database at `url`: editors who are no insiders,
 * each the person of the organisation at the same place (so My OKRs has something to show),
 * all with one password (hashed once: hashing a thousand times would only slow the set-up).
 */
export async function createPeopleAccounts(url: string, count: number): Promise<string[]> {
  const opened = await openDatabase(url, { poolSize: 2 });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    const people = await opened.db
      .selectFrom("people")
      .select("id")
      .orderBy("id")
      .limit(count)
      .execute();
    const createdAt = new Date().toISOString();
    const emails = Array.from({ length: count }, (_, i) => `person-${i}@example.com`);
    await opened.db.transaction().execute(async (trx) => {
      for (const [i, email] of emails.entries()) {
        await insertUser(trx, {
          id: `monday-${i}`,
          email,
          name: `Person ${i}`,
          role: "editor",
          insider: false,
          personId: people[i]?.id ?? null,
          passwordHash,
          createdAt,
        });
      }
    });
    return emails;
  } finally {
    await opened.close();
  }
}

/** Signs every account in through the servers (a few at a time), as a browser does. */
export async function signInAll(
  serverUrls: readonly string[],
  emails: readonly string[],
  parallel = 8,
): Promise<SignedInUser[]> {
  const users: SignedInUser[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < emails.length; i = next++) {
      const email = emails[i] as string;
      const url = serverUrls[i % serverUrls.length] as string;
      const answer = await callApi<{ csrfToken?: string }>(url, null, "POST", "/api/session", {
        email,
        password: PASSWORD,
      });
      const cookie = [answer.headers["set-cookie"] ?? []]
        .flat()
        .find((c) => c.startsWith("okr_session="))
        ?.split(";")[0];
      if (answer.status !== 200 || !cookie || !answer.body.csrfToken) {
        throw new Error(
          `sign-in of ${email} answered ${answer.status}: ${answer.text.slice(0, 200)}`,
        );
      }
      users.push({ email, cookie, csrfToken: answer.body.csrfToken });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return users;
}

/** A key result the bench's people check in on, and what its check-in sends. */
export interface VisibleKeyResult {
  id: string;
  /**
   * Whether a check-in sends a value (a metric or threshold whose target anyone may see);
   * otherwise progress, as the web app sends where the target is confidential.
   */
  sendsValue: boolean;
}

/**
 * The key results of the quarter someone who is no insider sees: none under a confidential
 * objective, however far up.
 */
export async function keyResultsSeenByAll(
  url: string,
  periodId: string,
): Promise<VisibleKeyResult[]> {
  const opened = await openDatabase(url, { poolSize: 2 });
  try {
    const objectives = await opened.db
      .selectFrom("objectives")
      .select(["id", "confidential", "parent_objective_id", "parent_key_result_id"])
      .execute();
    const keyResults = await opened.db
      .selectFrom("key_results")
      .select(["id", "objective_id", "period_id", "kind", "target_confidential"])
      .execute();
    const objectiveOf = new Map(objectives.map((o) => [o.id, o]));
    const keyResultOf = new Map(keyResults.map((k) => [k.id, k]));
    const hidden = (objectiveId: string | null): boolean => {
      const seen = new Set<string>();
      for (let id = objectiveId; id && !seen.has(id); ) {
        seen.add(id);
        const objective = objectiveOf.get(id);
        if (!objective) return false;
        if (Number(objective.confidential) === 1) return true;
        id =
          objective.parent_objective_id ??
          (objective.parent_key_result_id
            ? (keyResultOf.get(objective.parent_key_result_id)?.objective_id ?? null)
            : null);
      }
      return false;
    };
    return keyResults
      .filter((k) => k.period_id === periodId && !hidden(k.objective_id))
      .map((k) => ({
        id: k.id,
        sendsValue:
          (k.kind === "metric" || k.kind === "threshold") && Number(k.target_confidential) !== 1,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } finally {
    await opened.close();
  }
}

/**
 * Each connection, round and round: a check-in, then the tree, the dashboard, My OKRs and a key
 * result's history; every request by someone picked at random among `users`.
 */
export function mondayProfile(
  plan: LoadPlan,
  users: readonly SignedInUser[],
  keyResults: readonly VisibleKeyResult[],
): LoadProfile {
  if (users.length === 0) throw new Error("nobody is signed in");
  if (keyResults.length === 0) throw new Error("no key result everyone sees");
  return (_target, random, track) => {
    const someone = () => users[Math.floor(random() * users.length)] as SignedInUser;
    const someKeyResult = () =>
      keyResults[Math.floor(random() * keyResults.length)] as VisibleKeyResult;
    const read = (path: () => string) => ({
      method: "GET" as const,
      setupRequest: track.mark("GET", (request) => ({
        ...request,
        path: path(),
        headers: { cookie: someone().cookie, ...BROWSER_ACCEPTS },
      })),
      onResponse: track.onResponse,
    });
    return [
      {
        method: "POST",
        setupRequest: track.mark("POST", (request) => {
          const user = someone();
          const keyResult = someKeyResult();
          const amount = Math.round(random() * 1000) / 10;
          return {
            ...request,
            path: `/api/key-results/${keyResult.id}/check-ins`,
            headers: {
              cookie: user.cookie,
              "x-csrf-token": user.csrfToken,
              "content-type": "application/json",
              ...BROWSER_ACCEPTS,
            },
            body: JSON.stringify({
              ...(keyResult.sendsValue ? { value: amount } : { progress: amount / 100 }),
              confidence: Math.floor(random() * 11),
              health: "on_track",
              note: "Monday update",
            }),
          };
        }),
        onResponse: track.onResponse,
      },
      read(() => `/api/periods/${plan.periodId}/tree`),
      read(() => `/api/periods/${plan.periodId}/dashboard`),
      read(() => "/api/me/okrs"),
      read(() => `/api/key-results/${someKeyResult().id}/check-ins`),
    ];
  };
}
