/** Fiscal calendar, periods, people and teams, users and roles, API tokens. */
import { type FormEvent, useEffect, useState } from "react";
import { api, getList, messageOf } from "../api/client";
import type { ApiToken, Person, Role, Settings, User } from "../api/types";
import { ErrorText, TextField } from "../components/field";
import { formatDate, formatDateTime, formatLocalDate } from "../format";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { AllTokensSection } from "./settings/all-tokens-section";
import { PasswordSection } from "./settings/password-section";
import { PeopleAndTeams } from "./settings/people-section";
import { RollUpSection } from "./settings/roll-up-section";
import { SessionsSection } from "./settings/sessions-section";
import { UserAccessSection } from "./settings/user-access-section";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function SettingsPage() {
  const workspace = useWorkspace();
  const admin = workspace.user.role === "admin";
  // Bumped when people change, so the users' "is person" list shows a person added here at once.
  const [peopleVersion, setPeopleVersion] = useState(0);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="sub-nav">
        <button type="button" className="link-button" onClick={() => scrollToSection("calendar")}>
          Calendar
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("roll-up")}>
          Roll-up
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("periods")}>
          Periods
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("people")}>
          People &amp; teams
        </button>
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("users")}>
            Users
          </button>
        )}
        <button type="button" className="link-button" onClick={() => scrollToSection("tokens")}>
          API tokens
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("sessions")}>
          Devices &amp; password
        </button>
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("access")}>
            Sign-in access
          </button>
        )}
      </nav>
      <CalendarSettings editable={admin} />
      <RollUpSection editable={admin} />
      <PeriodSettings />
      <PeopleAndTeams
        editable={workspace.user.role !== "viewer"}
        onPeopleChanged={() => setPeopleVersion((v) => v + 1)}
      />
      {admin && <UserSettings peopleVersion={peopleVersion} />}
      <TokenSettings />
      <SessionsSection onSignedOut={workspace.signOut} />
      <PasswordSection />
      {admin && <UserAccessSection selfId={workspace.user.id} />}
      {admin && <AllTokensSection />}
    </section>
  );
}

function scrollToSection(id: string) {
  const target = document.getElementById(id);
  target?.scrollIntoView();
  target?.querySelector<HTMLElement>("h2")?.focus();
}

function CalendarSettings({ editable }: { editable: boolean }) {
  const settings = useLoad(() => api.get<Settings>("/settings"), []);
  const [startMonth, setStartMonth] = useState(1);
  const [naming, setNaming] = useState<"start" | "end">("end");
  const [sweetSpot, setSweetSpot] = useState("0.7");
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setStartMonth(settings.data.calendar.startMonth);
    setNaming(settings.data.calendar.naming);
    setSweetSpot(String(settings.data.sweetSpot));
  }, [settings.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings.data) return;
    setError(undefined);
    setSaved(false);
    try {
      const next = await api.put<Settings>("/settings", {
        calendar: { startMonth, naming },
        grading: settings.data.grading,
        sweetSpot: Number(sweetSpot),
      });
      settings.setData(next);
      setSaved(true);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const example = exampleLabel(startMonth, naming);
  return (
    <section id="calendar" className="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading" tabIndex={-1}>
        Fiscal calendar and scoring
      </h2>
      <ErrorText error={settings.error ?? error} />
      {!settings.data && !settings.error && <p className="muted">Loading…</p>}
      {settings.data && (
        <form onSubmit={save} className="editor-grid">
          <div className="field">
            <label htmlFor="calendar-start">Fiscal year starts in</label>
            <select
              id="calendar-start"
              value={startMonth}
              disabled={!editable}
              onChange={(e) => setStartMonth(Number(e.target.value))}
            >
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="calendar-naming">A fiscal year is named after the year it</label>
            <select
              id="calendar-naming"
              value={naming}
              disabled={!editable}
              onChange={(e) => setNaming(e.target.value as "start" | "end")}
            >
              <option value="end">ends in (GitLab)</option>
              <option value="start">starts in (Sourcegraph)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="settings-sweet">Sweet spot score</label>
            <input
              id="settings-sweet"
              type="number"
              step="0.05"
              min="0"
              max="1"
              value={sweetSpot}
              disabled={!editable}
              onChange={(e) => setSweetSpot(e.target.value)}
            />
          </div>
          <p className="hint wide">{example}</p>
          {editable && (
            <div className="actions wide">
              <button type="submit" className="primary">
                Save settings
              </button>
              {saved && (
                <span className="success" role="status">
                  Saved.
                </span>
              )}
            </div>
          )}
        </form>
      )}
    </section>
  );
}

/** "Q1 runs February–April" for the chosen calendar. */
function exampleLabel(startMonth: number, naming: "start" | "end"): string {
  if (startMonth === 1) return "Calendar quarters: Q1 runs January–March; labels like 2020-Q1.";
  const first = MONTHS[startMonth - 1];
  const third = MONTHS[(startMonth + 1) % 12];
  const year = 2020;
  const fy = naming === "start" ? year : year + 1;
  return `The fiscal year starting ${first} ${year} is FY${String(fy).slice(2)}; its Q1 runs ${first}–${third}.`;
}

function PeriodSettings() {
  const workspace = useWorkspace();
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string>();
  const [graded, setGraded] = useState<string>();
  async function close(id: string, periodLabel: string) {
    if (
      !window.confirm(
        `Close ${periodLabel}? Unfinished key results become done or missed, and writes stop.`,
      )
    )
      return;
    setError(undefined);
    try {
      const answer = await api.post<{ graded: unknown[] }>(`/periods/${id}/close`);
      setGraded(`${periodLabel} closed; ${answer.graded.length} key results graded.`);
      workspace.reloadPeriods();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  async function reopen(id: string) {
    setError(undefined);
    try {
      await api.post(`/periods/${id}/reopen`);
      setGraded(undefined);
      workspace.reloadPeriods();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post("/periods", { label });
      setLabel("");
      workspace.reloadPeriods();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <section id="periods" className="card" aria-labelledby="periods-heading">
      <h2 id="periods-heading" tabIndex={-1}>
        Periods
      </h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              {workspace.user.role !== "viewer" && <th scope="col">Grading</th>}
            </tr>
          </thead>
          <tbody>
            {[...workspace.periods]
              .sort((a, b) => b.start.localeCompare(a.start))
              .map((p) => (
                <tr key={p.id}>
                  <td>{p.label}</td>
                  <td>{formatDate(p.start)}</td>
                  <td>{formatDate(p.end)}</td>
                  <td>{p.closedAt ? `closed on ${formatLocalDate(p.closedAt)}` : "open"}</td>
                  {workspace.user.role !== "viewer" && (
                    <td>
                      {p.closedAt ? (
                        workspace.user.role === "admin" && (
                          <button type="button" className="small" onClick={() => void reopen(p.id)}>
                            Reopen {p.label}
                          </button>
                        )
                      ) : (
                        <button
                          type="button"
                          className="small"
                          onClick={() => void close(p.id, p.label)}
                        >
                          Close {p.label}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {workspace.user.role !== "viewer" && (
        <form className="inline-form" onSubmit={create}>
          <TextField
            label="New period label"
            required
            placeholder="FY21-Q1"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            hint="Dates follow from the fiscal calendar."
          />
          <button type="submit">Create period</button>
        </form>
      )}
      <ErrorText error={error} />
      {graded && (
        <p className="success" role="status">
          {graded}
        </p>
      )}
    </section>
  );
}

const ROLES: Role[] = ["admin", "editor", "viewer"];

function UserSettings({ peopleVersion }: { peopleVersion: number }) {
  const users = useLoad(() => getList<User>("/users", "users"), []);
  const people = useLoad(() => getList<Person>("/people", "people"), [peopleVersion]);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [insider, setInsider] = useState(false);
  const [error, setError] = useState<string>();

  async function run(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
      users.reload();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  }

  return (
    <section id="users" className="card" aria-labelledby="users-heading">
      <h2 id="users-heading" tabIndex={-1}>
        Users and roles
      </h2>
      <ErrorText error={users.error ?? error} />
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Insider</th>
              <th scope="col">Is person (for My OKRs)</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    Role of {u.name}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    onChange={(e) =>
                      void run(() => api.patch(`/users/${u.id}`, { role: e.target.value }))
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${u.name} sees confidential values`}
                    checked={u.insider}
                    onChange={(e) =>
                      void run(() => api.patch(`/users/${u.id}`, { insider: e.target.checked }))
                    }
                  />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`person-${u.id}`}>
                    Person {u.name} is
                  </label>
                  <select
                    id={`person-${u.id}`}
                    value={u.personId ?? ""}
                    onChange={(e) =>
                      void run(() =>
                        api.patch(`/users/${u.id}`, { personId: e.target.value || null }),
                      )
                    }
                  >
                    <option value="">—</option>
                    {(people.data ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          // A blank password is no password: the server answers that one is required.
          const body = { email, name, role, insider, password: password || undefined };
          void run(() => api.post("/users", body)).then((ok) => {
            if (ok) {
              setEmail("");
              setName("");
              setPassword("");
            }
          });
        }}
      >
        <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
        <TextField
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="At least 8 characters; tell it to the new user."
        />
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={insider} onChange={(e) => setInsider(e.target.checked)} />
          Insider
        </label>
        <button type="submit">Add user</button>
      </form>
    </section>
  );
}

function TokenSettings() {
  const tokens = useLoad(
    () => getList<ApiToken & { revokedAt?: string | null }>("/tokens", "tokens"),
    [],
  );
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      const answer = await api.post<{ secret: string }>("/tokens", { name });
      setSecret(answer.secret);
      setName("");
      tokens.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section id="tokens" className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" tabIndex={-1}>
        API tokens
      </h2>
      <p className="muted">
        For scripts: send <code>Authorization: Bearer okr_…</code>. A token's secret is shown once,
        when it is made.
      </p>
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this token now; it will not be shown again.</strong>
          </p>
          <label htmlFor="token-secret" className="visually-hidden">
            New token secret
          </label>
          <input
            id="token-secret"
            className="mono"
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      <ul className="plain-list">
        {(tokens.data ?? [])
          .filter((t) => !t.revokedAt)
          .map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong> · made {formatDate(t.createdAt)} · last used{" "}
              {formatDateTime(t.lastUsedAt)}
              <button
                type="button"
                className="link-button"
                aria-label={`Revoke token ${t.name}`}
                onClick={() =>
                  void api
                    .delete(`/tokens/${t.id}`)
                    .then(tokens.reload, (err) => setError(messageOf(err)))
                }
              >
                Revoke
              </button>
            </li>
          ))}
      </ul>
      <form className="inline-form" onSubmit={create}>
        <TextField
          label="Token name"
          required
          placeholder="CI reporter"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Create token</button>
      </form>
      <ErrorText error={error ?? tokens.error} />
    </section>
  );
}
