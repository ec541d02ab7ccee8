/** GOOD / BAD / TRY per team for a period, editable. */
import { type FormEvent, useEffect, useId, useState } from "react";
import type { Retrospective } from "../../../src/core/types.js";
import { api, getList, messageOf } from "../api/client";
import { ErrorText } from "../components/field";
import { canEdit, useWorkspace } from "../session";
import { useLoad } from "../use-load";

type Draft = Pick<Retrospective, "team" | "good" | "bad" | "try">;

export function RetrospectivesPage({ periodId }: { periodId: string }) {
  const workspace = useWorkspace();
  const period = workspace.periods.find((p) => p.id === periodId);
  const retros = useLoad(
    () => getList<Retrospective>(`/periods/${periodId}/retrospectives`, "retrospectives"),
    [periodId],
  );
  const [newTeam, setNewTeam] = useState("");
  const [added, setAdded] = useState<Draft[]>([]);
  const editable = canEdit(workspace.user);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new period starts without drafts
  useEffect(() => setAdded([]), [periodId]);

  const list: Draft[] = [
    ...(retros.data ?? []),
    ...added.filter((a) => !(retros.data ?? []).some((r) => r.team === a.team)),
  ];

  return (
    <section className="retrospectives">
      <h1>Retrospectives {period && <span className="muted small">{period.label}</span>}</h1>
      <p className="muted">
        What went well, what did not, and what each team will try next quarter.
      </p>
      <ErrorText error={retros.error} />
      {retros.data && list.length === 0 && (
        <p className="empty">No retrospective for this period yet.</p>
      )}
      {list.map((retro) => (
        <RetroCard
          key={retro.team}
          periodId={periodId}
          retro={retro}
          all={list}
          draft={!(retros.data ?? []).some((r) => r.team === retro.team)}
          editable={editable}
          onSaved={retros.reload}
          onDiscard={() => setAdded((a) => a.filter((d) => d.team !== retro.team))}
        />
      ))}
      {editable && (
        <form
          className="inline-form card"
          onSubmit={(e) => {
            e.preventDefault();
            const team = newTeam.trim();
            if (team) setAdded((a) => [...a, { team, good: [], bad: [], try: [] }]);
            setNewTeam("");
          }}
        >
          <div className="field grow">
            <label htmlFor="retro-new-team">Team</label>
            <input
              id="retro-new-team"
              value={newTeam}
              onChange={(e) => setNewTeam(e.target.value)}
              placeholder="e.g. Infrastructure"
            />
          </div>
          <button type="submit">Add a team's retrospective</button>
        </form>
      )}
    </section>
  );
}

const COLUMNS = [
  ["good", "Good"],
  ["bad", "Bad"],
  ["try", "Try"],
] as const;

function RetroCard({
  periodId,
  retro,
  all,
  draft,
  editable,
  onSaved,
  onDiscard,
}: {
  draft: boolean;
  periodId: string;
  retro: Draft;
  all: Draft[];
  editable: boolean;
  onSaved: () => void;
  /** Drops a new team's retrospective that was never saved. */
  onDiscard: () => void;
}) {
  const id = useId();
  const [editing, setEditing] = useState(draft);
  const [text, setText] = useState({
    good: retro.good.join("\n"),
    bad: retro.bad.join("\n"),
    try: retro.try.join("\n"),
  });
  const [error, setError] = useState<string>();

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const lines = (value: string) =>
      value
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    try {
      // The server replaces the period's retrospectives as a whole: send every team's.
      const mine = {
        team: retro.team,
        good: lines(text.good),
        bad: lines(text.bad),
        try: lines(text.try),
      };
      const retrospectives = all
        .map((r) =>
          r.team === retro.team ? mine : { team: r.team, good: r.good, bad: r.bad, try: r.try },
        )
        // other teams' unsaved, empty drafts stay drafts
        .filter((r) => r.team === retro.team || r.good.length + r.bad.length + r.try.length > 0);
      await api.put(`/periods/${periodId}/retrospectives`, { retrospectives });
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section className="card retro" aria-labelledby={`${id}-team`}>
      <div className="section-head">
        <h2 id={`${id}-team`}>{retro.team}</h2>
        {editable && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <form onSubmit={save}>
          <div className="retro-columns">
            {COLUMNS.map(([key, label]) => (
              <div className="field" key={key}>
                <label htmlFor={`${id}-${key}`}>{label} (one per line)</label>
                <textarea
                  id={`${id}-${key}`}
                  // biome-ignore lint/a11y/noAutofocus: a team just added is written at once
                  autoFocus={draft && key === "good"}
                  rows={6}
                  value={text[key]}
                  onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))}
                />
              </div>
            ))}
          </div>
          <ErrorText error={error} />
          <div className="actions">
            <button type="submit" className="primary">
              Save retrospective
            </button>
            <button type="button" onClick={() => (draft ? onDiscard() : setEditing(false))}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="retro-columns">
          {COLUMNS.map(([key, label]) => (
            <div key={key} className={`retro-column ${key}`}>
              <h3>{label}</h3>
              {retro[key].length === 0 ? (
                <p className="muted">—</p>
              ) : (
                <ul>
                  {retro[key].map((line, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
