/** Handbook-first: paste or upload a handbook page, preview, apply; export back out. */
import { type ChangeEvent, useEffect, useState } from "react";
import { api, fetchText, getList, messageOf, queryOf } from "../api/client";
import type {
  DocumentItem,
  ImportChange,
  ImportChoices,
  ImportPreview,
  ImportResult,
  Person,
  Problem,
  TakenBackCheckIn,
  Team,
} from "../api/types";
import { ProgressBar, StatusBadge } from "../components/badges";
import { ErrorText } from "../components/field";
import { InlineMarkdown } from "../components/inline-markdown";
import { hrefOf } from "../router";
import { canEdit, useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { ImportChoicesPanel } from "./import/import-choices";
import { refusedFor } from "./import/taken-back";

export function ImportExportPage({ periodId }: { periodId: string | undefined }) {
  const workspace = useWorkspace();
  return (
    <section className="import-export">
      <h1>Import &amp; export</h1>
      {canEdit(workspace.user) && <ImportPanel />}
      <ExportPanel periodId={periodId} />
    </section>
  );
}

function ImportPanel() {
  const workspace = useWorkspace();
  const [markdown, setMarkdown] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({});
  const people = useLoad(() => getList<Person>("/people", "people").catch(() => []), []);
  const teams = useLoad(() => getList<Team>("/teams", "teams").catch(() => []), []);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string>();
  // The lines an apply was refused for: the page takes back check-ins it does not know.
  const [refused, setRefused] = useState<TakenBackCheckIn[] | null>(null);
  const [busy, setBusy] = useState(false);

  /** A new page or preview asks again whether to take the page's figures. */
  function forget() {
    setRefused(null);
    setChoices(({ force: _force, ...rest }) => rest);
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setMarkdown(await file.text());
    setPreview(null);
    setResult(null);
    forget();
  }

  async function runPreview() {
    setBusy(true);
    setError(undefined);
    setResult(null);
    forget();
    // The preview lists the lines that take back check-ins, so it is asked without force.
    const { force: _force, ...asked } = choices;
    try {
      setPreview(await api.post<ImportPreview>("/import/preview", { markdown, ...asked }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    setBusy(true);
    setError(undefined);
    setRefused(null);
    try {
      const answer = await api.post<ImportResult>("/import/apply", { markdown, ...choices });
      setResult(answer);
      setPreview(null);
      forget();
      workspace.reloadPeriods();
    } catch (err) {
      const lines = refusedFor(err);
      if (lines && lines.length > 0) setRefused(lines);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const problems = preview
    ? preview.problems.length
      ? preview.problems
      : preview.document.problems
    : [];
  // What the apply was refused for is newer than the preview's list, when there is one.
  const takenBack = refused ?? preview?.takenBack ?? [];
  return (
    <section className="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import a handbook page</h2>
      <p className="muted">
        Paste the Markdown of an OKR page (GitLab or Sourcegraph style), or upload the file. You see
        the tree, its lint problems and what will change before anything is saved.
      </p>
      <div className="field">
        <label htmlFor="import-file">Upload a Markdown file</label>
        <input
          id="import-file"
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={(e) => void readFile(e)}
        />
      </div>
      <div className="field">
        <label htmlFor="import-markdown">Markdown</label>
        <textarea
          id="import-markdown"
          rows={10}
          className="mono"
          value={markdown}
          onChange={(e) => {
            setMarkdown(e.target.value);
            setPreview(null);
            forget();
          }}
          placeholder={
            '---\ntitle: "FY20-Q4 OKRs"\n---\n\n1. **CEO: Grow IACV.**\n    1. CEO KR: Reach 100 customers. => 80%'
          }
        />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void runPreview()} disabled={busy || !markdown.trim()}>
          Preview
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void apply()}
          disabled={busy || !preview}
        >
          Apply import
        </button>
      </div>
      <ErrorText error={error} />
      {refused && (
        <div role="alert" className="error refused">
          <p>
            Nothing was imported: the page would take back{" "}
            {refused.length === 1
              ? "a check-in it does not know"
              : `${refused.length} check-ins it does not know`}{" "}
            ({refused.map((c) => `line ${c.line}`).join(", ")}, listed under "Before you apply").
          </p>
          <p>
            To import it all the same, tick "Take the page's figures anyway" and apply again; or
            bring the page up to date with the app first.
          </p>
        </div>
      )}
      {result && (
        <p className="success" role="status">
          Imported: {result.created} created, {result.updated} updated, {result.unchanged} unchanged
          {result.closed ? ", as a closed period" : ""}. {result.notice}{" "}
          <a href={hrefOf(`/periods/${result.periodId}`)}>See the tree</a>
        </p>
      )}
      {preview && (
        <div className="preview">
          <h3>
            Preview{preview.document.title ? `: ${preview.document.title}` : ""}
            {preview.document.period ? ` (${preview.document.period.label})` : ""}
          </h3>
          <ImportChoicesPanel
            preview={preview}
            choices={choices}
            onChange={setChoices}
            periods={workspace.periods}
            people={people.data ?? []}
            teams={teams.data ?? []}
            takenBack={takenBack}
          />
          <ProblemList problems={problems} />
          <ChangeList changes={preview.changes} />
          <h4>Tree</h4>
          {preview.document.items.length === 0 ? (
            <p className="muted">No objectives found in this page.</p>
          ) : (
            <ul className="doc-tree">
              {preview.document.items.map((item) => (
                <DocItem
                  key={`${item.line}-${item.title}`}
                  item={item}
                  references={preview.document.references}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return <p className="success">No lint problems.</p>;
  return (
    <details open={problems.length <= 20}>
      <summary>
        {problems.length} lint problem{problems.length === 1 ? "" : "s"}
      </summary>
      <ul className="problems">
        {problems.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems may repeat on a line
          <li key={i} className={`problem severity-${p.severity}`}>
            <span className="badge">{p.severity}</span> line {p.line}: {p.message}{" "}
            <code>{p.code}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

function ChangeList({ changes }: { changes: ImportChange[] }) {
  if (!changes || changes.length === 0) return <p className="muted">No changes to the database.</p>;
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  return (
    <details>
      <summary>Changes: {[...counts].map(([action, n]) => `${n} ${action}`).join(", ")}</summary>
      <ul className="changes">
        {changes.slice(0, 500).map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id
          <li key={i}>
            <span className="badge">{c.action}</span> {c.entity.replace("_", " ")}
            {c.line > 0 ? ` (line ${c.line})` : ""}: {c.label}
            {c.fields && c.fields.length > 0 ? ` — ${c.fields.join(", ")}` : ""}
          </li>
        ))}
      </ul>
    </details>
  );
}

function DocItem({ item, references }: { item: DocumentItem; references: Record<string, string> }) {
  return (
    <li>
      <span className={`kind-tag ${item.kind === "key_result" ? "kr" : "objective"}`}>
        {item.kind === "key_result" ? "KR" : "O"}
      </span>{" "}
      {item.owner && <span className="owner">{item.owner}: </span>}
      <InlineMarkdown text={item.title} references={references} />
      {item.outcome && (
        <span className="outcome">
          {" "}
          ⇒ <InlineMarkdown text={item.outcome} references={references} />
        </span>
      )}{" "}
      {item.progress !== null && <ProgressBar progress={item.progress} />}
      <StatusBadge status={item.status} />
      {item.children.length > 0 && (
        <ul>
          {item.children.map((child) => (
            <DocItem key={`${child.line}-${child.title}`} item={child} references={references} />
          ))}
        </ul>
      )}
    </li>
  );
}

// Markdown comes in the imported page's own style (edited only where the data changed) when
// the period has a page, else in the house style; "house style" asks for the house style.
const FORMATS = [
  { format: "md", public: false, label: "Markdown", file: "okrs.md" },
  {
    format: "md",
    public: false,
    style: "house",
    label: "Markdown (house style)",
    file: "okrs-house.md",
  },
  { format: "json", public: false, label: "JSON", file: "okrs.json" },
  { format: "csv", public: false, label: "CSV", file: "okrs.csv" },
  { format: "md", public: true, label: "Public Markdown", file: "okrs-public.md" },
] as const;

function ExportPanel({ periodId }: { periodId: string | undefined }) {
  const workspace = useWorkspace();
  const [picked, setChosen] = useState(periodId ?? "");
  // The periods may arrive (or grow, after an import) after this panel first shows.
  const chosen = workspace.periods.some((p) => p.id === picked)
    ? picked
    : (periodId ?? workspace.periods[0]?.id ?? "");
  const [output, setOutput] = useState<{
    text: string;
    file: string;
    type: string;
    label: string;
  } | null>(null);
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!url) return undefined;
    return () => URL.revokeObjectURL(url);
  }, [url]);

  async function run(entry: (typeof FORMATS)[number]) {
    setError(undefined);
    try {
      const period = workspace.periods.find((p) => p.id === chosen);
      const answer = await fetchText(
        `/export${queryOf({
          periodId: chosen,
          format: entry.format,
          public: entry.public || undefined,
          style: "style" in entry ? entry.style : undefined,
        })}`,
      );
      const file = `${period?.label ?? "okrs"}-${entry.file}`;
      setOutput({ text: answer.text, file, type: answer.type, label: entry.label });
      setUrl(URL.createObjectURL(new Blob([answer.text], { type: answer.type })));
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="export-period">Period</label>
          <select id="export-period" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {workspace.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {FORMATS.map((entry) => (
          <button
            key={entry.label}
            type="button"
            onClick={() => void run(entry)}
            disabled={!chosen}
          >
            Export {entry.label}
          </button>
        ))}
      </div>
      <ErrorText error={error} />
      {output && (
        <div className="export-output">
          <div className="section-head">
            <h3>{output.label}</h3>
            {url && (
              <a className="button primary" href={url} download={output.file}>
                Download {output.file}
              </a>
            )}
          </div>
          <label htmlFor="export-text" className="visually-hidden">
            Exported {output.label}
          </label>
          <textarea id="export-text" className="mono" rows={14} readOnly value={output.text} />
        </div>
      )}
    </section>
  );
}
