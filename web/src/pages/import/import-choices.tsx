/**
 * What to decide before applying an import: which period (the page's, an existing one, or a
 * new label — a page whose label names a period with other dates is kept apart), whether to
 * import it closed, which page owners to attach to an existing team or person, and whether to
 * take the page's figures where it takes back check-ins it does not know (decisions/0065).
 */
import { useId } from "react";
import type {
  ImportChoices,
  ImportOwner,
  ImportPreview,
  Period,
  Person,
  TakenBackCheckIn,
  Team,
} from "../../api/types";
import { formatCount, formatDate } from "../../format";

const NEW = "__new__";

export function ImportChoicesPanel({
  preview,
  choices,
  onChange,
  periods,
  people,
  teams,
  takenBack,
}: {
  preview: ImportPreview;
  choices: ImportChoices;
  onChange: (next: ImportChoices) => void;
  periods: Period[];
  people: Person[];
  teams: Team[];
  /** The page's key result lines that take back check-ins it does not know. */
  takenBack: TakenBackCheckIn[];
}) {
  const id = useId();
  const period = preview.period;
  if (!period) return null;
  const picked = choices.periodId ?? (choices.periodLabel !== undefined ? NEW : "");
  return (
    <fieldset className="import-choices">
      <legend>Before you apply</legend>
      <div className="field">
        <label htmlFor={`${id}-period`}>Period</label>
        <select
          id={`${id}-period`}
          value={picked}
          onChange={(e) => {
            const value = e.target.value;
            const { periodId: _id, periodLabel: _label, ...rest } = choices;
            if (value === "") onChange(rest);
            else if (value === NEW) onChange({ ...rest, periodLabel: "" });
            else onChange({ ...rest, periodId: value });
          }}
        >
          <option value="">
            {period.label === ""
              ? "The page names none: choose one"
              : period.exists
                ? `${period.label} (as the page says)`
                : `New: ${period.label}`}
            {period.start && period.end ? `, ${period.start} to ${period.end}` : ""}
          </option>
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}, {p.start} to {p.end}
              {p.closedAt ? " (closed)" : ""}
            </option>
          ))}
          <option value={NEW}>A new period named…</option>
        </select>
      </div>
      {picked === NEW && (
        <div className="field">
          <label htmlFor={`${id}-label`}>New period's label</label>
          <input
            id={`${id}-label`}
            value={choices.periodLabel ?? ""}
            placeholder={`${period.label} Sourcegraph`}
            onChange={(e) => onChange({ ...choices, periodLabel: e.target.value })}
          />
        </div>
      )}
      {period.message && picked === "" && (
        <p className="notice" role="status">
          {period.message}
        </p>
      )}
      {!period.exists && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={choices.closed === true}
            onChange={(e) => onChange({ ...choices, closed: e.target.checked })}
          />
          Import as closed{period.past ? " (this quarter has ended)" : ""}: kept as history, no
          check-ins, no stale warnings
        </label>
      )}
      <OwnerMapping
        owners={preview.owners}
        map={choices.ownerMap ?? {}}
        people={people}
        teams={teams}
        onChange={(ownerMap) => onChange({ ...choices, ownerMap })}
      />
      <TakenBack
        lines={takenBack}
        force={choices.force === true}
        onChange={(force) => onChange({ ...choices, force })}
      />
    </fieldset>
  );
}

/**
 * The key results whose check-ins the page would take back, each with the app's figure, the
 * page's and the date of the check-in the page does not know; and the choice to take the
 * page's figures all the same.
 */
function TakenBack({
  lines,
  force,
  onChange,
}: {
  lines: TakenBackCheckIn[];
  force: boolean;
  onChange: (force: boolean) => void;
}) {
  const id = useId();
  if (lines.length === 0) return null;
  return (
    <section className="taken-back" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>The page would take back {formatCount(lines.length, "check-in")}</h4>
      <p className="hint" id={`${id}-hint`}>
        {lines.length === 1 ? "This key result has" : "These key results have"} a newer figure in
        the app than the page knows of. Unless you choose to take the page's figures, nothing of the
        page is imported; either way every check-in stays in the key result's history.
      </p>
      <ul className="taken-back-list">
        {lines.map((c) => (
          <li key={`${c.line}-${c.item}`}>
            Line {c.line}: <strong>{c.item}</strong>. In the app <strong>{c.app}</strong>, on the
            page <strong>{c.page ?? "no figure"}</strong>
            {c.checkedInAt
              ? `; the page does not know the check-in of ${formatDate(c.checkedInAt.slice(0, 10))}.`
              : "."}
          </li>
        ))}
      </ul>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={force}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.checked)}
        />
        Take the page's figures anyway (
        {lines.length === 1 ? "this key result goes" : "these key results go"} back to what the page
        says)
      </label>
    </section>
  );
}

function describeMatch(owner: ImportOwner): string {
  const m = owner.matches;
  if (!m) return "new";
  if (m.kind === "role")
    return `role title held by ${m.people} ${m.people === 1 ? "person" : "people"}`;
  return `same name as ${m.kind} ${m.name}`;
}

function OwnerMapping({
  owners,
  map,
  people,
  teams,
  onChange,
}: {
  owners: ImportOwner[];
  map: Record<string, string>;
  people: Person[];
  teams: Team[];
  onChange: (map: Record<string, string>) => void;
}) {
  if (owners.length === 0) return null;
  return (
    <div className="owner-mapping">
      <h4>Owners on the page</h4>
      <p className="hint">
        Names are kept as written unless you attach them to a team or person here; a line owned by a
        team or person shows in their My OKRs.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">On the page</th>
            <th scope="col">Matches today</th>
            <th scope="col">Store as</th>
          </tr>
        </thead>
        <tbody>
          {owners.map((owner) => (
            <tr key={owner.name}>
              <th scope="row">{owner.name}</th>
              <td>{describeMatch(owner)}</td>
              <td>
                <select
                  aria-label={`Owner for ${owner.name}`}
                  value={map[owner.name] ?? ""}
                  onChange={(e) => {
                    const next = { ...map };
                    if (e.target.value === "") delete next[owner.name];
                    else next[owner.name] = e.target.value;
                    onChange(next);
                  }}
                >
                  <option value="">as written</option>
                  {teams.map((t) => (
                    <option key={t.id} value={`team:${t.name}`}>
                      team {t.name}
                    </option>
                  ))}
                  {people.map((p) => (
                    <option key={p.id} value={`person:${p.name}`}>
                      person {p.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
