/** Settings: the people and teams who own OKRs. People are added, edited in place, or removed. */
import { type FormEvent, useState } from "react";
import { api, getList } from "../../api/client";
import type { Person, Team } from "../../api/types";
import { ErrorText, TextField } from "../../components/field";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

/** `onPeopleChanged`: other sections that list people (users) reload when this one changes them. */
export function PeopleAndTeams({
  editable,
  onPeopleChanged,
}: {
  editable: boolean;
  onPeopleChanged: () => void;
}) {
  const people = useLoad(() => getList<Person>("/people", "people"), []);
  const teams = useLoad(() => getList<Team>("/teams", "teams"), []);
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [teamId, setTeamId] = useState("");
  const [teamName, setTeamName] = useState("");
  const [parentId, setParentId] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();
  const error = action.error;
  const teamList = teams.data ?? [];
  const teamById = new Map(teamList.map((t) => [t.id, t]));

  function run(change: () => Promise<unknown>): Promise<boolean> {
    return action.run(async () => {
      await change();
      people.reload();
      teams.reload();
      onPeopleChanged();
    });
  }

  return (
    <section id="people" className="card" aria-labelledby="people-heading">
      <h2 id="people-heading" tabIndex={-1}>
        People and teams
      </h2>
      <ErrorText error={people.error ?? teams.error ?? error} />
      <div className="two-columns">
        <div>
          <h3>People</h3>
          <ul className="plain-list people-list">
            {(people.data ?? []).map((p) =>
              editing === p.id ? (
                <li key={p.id}>
                  <PersonEditor
                    person={p}
                    teams={teamList}
                    onCancel={() => setEditing(null)}
                    onSave={(patch) =>
                      void run(() => api.patch(`/people/${p.id}`, patch)).then((ok) => {
                        if (ok) setEditing(null);
                      })
                    }
                  />
                </li>
              ) : (
                <li key={p.id}>
                  <strong>{p.name}</strong>
                  {p.title ? ` · ${p.title}` : ""}
                  {p.teamId ? ` · ${teamById.get(p.teamId)?.name ?? ""}` : ""}
                  {p.email ? <span className="muted small"> · {p.email}</span> : null}
                  {editable && (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Edit ${p.name}`}
                        onClick={() => setEditing(p.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove ${p.name}`}
                        onClick={() => void run(() => api.delete(`/people/${p.id}`))}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </li>
              ),
            )}
          </ul>
          {editable && (
            <form
              className="inline-form"
              aria-label="Add a person"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() =>
                  api.post("/people", { name, title: title || null, teamId: teamId || null }),
                ).then((ok) => {
                  if (!ok) return;
                  setName("");
                  setTitle("");
                });
              }}
            >
              <TextField
                label="Name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
              <TextField
                label="Role title"
                placeholder="CMO"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
              <TeamSelect id="person-team" teams={teamList} value={teamId} onChange={setTeamId} />
              <button type="submit">Add person</button>
            </form>
          )}
        </div>
        <div>
          <h3>Teams</h3>
          <ul className="plain-list">
            {teamList.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong>
                {t.parentId ? ` · part of ${teamById.get(t.parentId)?.name ?? "?"}` : ""}
                {editable && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove team ${t.name}`}
                    onClick={() => void run(() => api.delete(`/teams/${t.id}`))}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() =>
                  api.post("/teams", { name: teamName, parentId: parentId || null }),
                ).then(() => setTeamName(""));
              }}
            >
              <TextField
                label="Team name"
                required
                value={teamName}
                onChange={(e) => setTeamName(e.target.value)}
              />
              <div className="field">
                <label htmlFor="team-parent">Part of</label>
                <select
                  id="team-parent"
                  value={parentId}
                  onChange={(e) => setParentId(e.target.value)}
                >
                  <option value="">—</option>
                  {teamList.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">Add team</button>
            </form>
          )}
        </div>
      </div>
    </section>
  );
}

function TeamSelect({
  id,
  teams,
  value,
  onChange,
}: {
  id: string;
  teams: Team[];
  value: string;
  onChange: (teamId: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Team</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Edits one person in place: name, email, role title, team. Sends only what changed. */
function PersonEditor({
  person,
  teams,
  onSave,
  onCancel,
}: {
  person: Person;
  teams: Team[];
  onSave: (patch: Partial<Person>) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email ?? "");
  const [title, setTitle] = useState(person.title ?? "");
  const [teamId, setTeamId] = useState(person.teamId ?? "");
  function submit(event: FormEvent) {
    event.preventDefault();
    const patch: Partial<Person> = {};
    if (name !== person.name) patch.name = name;
    if (email !== (person.email ?? "")) patch.email = email || null;
    if (title !== (person.title ?? "")) patch.title = title || null;
    if (teamId !== (person.teamId ?? "")) patch.teamId = teamId || null;
    if (Object.keys(patch).length === 0) onCancel();
    else onSave(patch);
  }
  return (
    <form
      className="inline-form person-editor"
      aria-label={`Edit ${person.name}`}
      noValidate
      onSubmit={submit}
    >
      <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField label="Role title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <TeamSelect
        id={`person-team-${person.id}`}
        teams={teams}
        value={teamId}
        onChange={setTeamId}
      />
      <div className="actions">
        <button type="submit" className="primary">
          Save {person.name}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
