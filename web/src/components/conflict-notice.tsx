/**
 * A save lost a race: someone else changed the item first. Shows their change next to mine and
 * lets the person choose; nothing is overwritten without that choice.
 */
import { STATUS_LABELS, type Status } from "../api/types";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") {
    if ("name" in (value as object)) return String((value as { name: unknown }).name);
    return JSON.stringify(value);
  }
  if (typeof value === "string" && value in STATUS_LABELS) return STATUS_LABELS[value as Status];
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return show(a) === show(b);
}

export function ConflictNotice({
  mine,
  current,
  labels,
  onTakeTheirs,
  onKeepMine,
}: {
  mine: Record<string, unknown>;
  current: Record<string, unknown>;
  labels: Record<string, string>;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const fields = Object.keys(labels).filter((key) => key in mine && !same(mine[key], current[key]));
  const who = typeof current.updatedBy === "string" ? current.updatedBy : "Someone else";
  return (
    <div className="conflict" role="alert">
      <h3>{who} changed this while you were editing</h3>
      <p>
        Your changes were not saved. Their version (version {show(current.version)}) is below next
        to yours; choose which to keep.
      </p>
      {fields.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Their version (saved)</th>
              <th scope="col">Your edit (not saved)</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((key) => (
              <tr key={key}>
                <th scope="row">{labels[key]}</th>
                <td>{show(current[key])}</td>
                <td>{show(mine[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Your edit and theirs agree on the fields you changed.</p>
      )}
      <div className="actions">
        <button type="button" onClick={onTakeTheirs}>
          Use their version
        </button>
        <button type="button" className="danger" onClick={onKeepMine}>
          Save mine over theirs
        </button>
      </div>
    </div>
  );
}
