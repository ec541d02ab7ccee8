/**
 * The source of a key result or of a KPI (one model, one section): what it reads, its last
 * reading and last error; for those who may edit it, a form to pick a connection and settings,
 * preview the reading ("7 of 12 closed → 58%"), and save. A save or a refresh runs in the
 * background: the section looks again each second until the reading (or an error) arrives,
 * then reloads the page's item.
 */
import { useEffect, useId, useRef, useState } from "react";
import type {
  ConnectionAnswer,
  SourceAnswer,
  SourceOrNoneAnswer,
  SourcePreviewAnswer,
} from "../../../src/contract/sources.js";
import { api, getList, messageOf } from "../api/client";
import { formatDateTime } from "../format";
import { useLoad } from "../use-load";
import { ErrorText } from "./field";
import { configOf, SOURCE_KINDS, type SourceKindName, valuesOf } from "./source-fields";

const WAIT_TRIES = 20;

/** Whose source: a key result's (progress by check-ins) or a KPI's (readings by hand). */
export type SourceOwnerRef = { keyResultId: string } | { kpiId: string };

function pathOf(owner: SourceOwnerRef): string {
  return "kpiId" in owner
    ? `/kpis/${owner.kpiId}/source`
    : `/key-results/${owner.keyResultId}/source`;
}

export function SourceSection({
  owner,
  editable,
  onRead,
}: {
  owner: SourceOwnerRef;
  editable: boolean;
  /** Called when a new reading (or error) arrived, to reload the key result or KPI. */
  onRead: () => void;
}) {
  const path = pathOf(owner);
  const source = useLoad(() => api.get<SourceOrNoneAnswer>(path), [path]);
  const [waitingSince, setWaitingSince] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const current = source.data?.source ?? null;
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;
  const setSource = source.setData;

  // After a save or a refresh: look again until a reading or an error newer than the request.
  useEffect(() => {
    if (waitingSince === null) return;
    let tries = 0;
    let live = true;
    const timer = setInterval(async () => {
      tries++;
      try {
        const next = await api.get<SourceOrNoneAnswer>(path);
        const s = next.source;
        const arrived =
          s && [s.lastSuccessAt, s.lastErrorAt].some((t) => t !== null && t >= waitingSince);
        if (!live) return;
        if (arrived || tries >= WAIT_TRIES) {
          setWaitingSince(null);
          setSource(next);
          onReadRef.current();
        }
      } catch (err) {
        if (live) setError(messageOf(err));
      }
    }, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [waitingSince, path, setSource]);

  async function refresh() {
    setError(undefined);
    const since = new Date(Date.now() - 1000).toISOString();
    try {
      await api.post(`${path}/refresh`);
      setWaitingSince(since);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function remove() {
    setError(undefined);
    try {
      await api.delete(path);
      source.reload();
      onReadRef.current();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <section className="card" aria-labelledby="source-heading">
      <h2 id="source-heading">{"kpiId" in owner ? "Source" : "Source of progress"}</h2>
      {current ? (
        <SourceFacts source={current} />
      ) : (
        source.data && (
          <p className="muted">
            {"kpiId" in owner
              ? "No source: readings are recorded by hand."
              : "No source: progress comes from check-ins by hand."}
          </p>
        )
      )}
      {waitingSince !== null && (
        <p className="muted" role="status">
          Reading the source…
        </p>
      )}
      {current && (
        <div className="actions">
          <button type="button" onClick={() => void refresh()}>
            Refresh now
          </button>
          {editable && (
            <button type="button" className="link-button" onClick={() => void remove()}>
              Remove source
            </button>
          )}
        </div>
      )}
      <ErrorText error={error ?? source.error} />
      {editable && source.data && (
        <SourceForm
          key={current?.kind ?? "none"}
          path={path}
          current={current}
          onSaved={(saved) => {
            source.setData({ source: saved });
            setWaitingSince(new Date(Date.now() - 1000).toISOString());
          }}
        />
      )}
    </section>
  );
}

function SourceFacts({ source }: { source: SourceAnswer }) {
  const kind = SOURCE_KINDS[source.kind as SourceKindName];
  return (
    <dl className="facts" aria-label="Source">
      <dt>Reads</dt>
      <dd>
        {kind?.label ?? source.kind} via {source.connectionName}
      </dd>
      <dt>Last reading</dt>
      <dd data-testid="source-reading">
        {source.description ?? "none yet"}
        {source.lastSuccessAt ? ` (${formatDateTime(source.lastSuccessAt)})` : ""}
      </dd>
      {source.lastError && (
        <>
          <dt>Last error</dt>
          <dd className="error" data-testid="source-error">
            {source.lastError} ({formatDateTime(source.lastErrorAt)})
          </dd>
        </>
      )}
    </dl>
  );
}

function SourceForm({
  path,
  current,
  onSaved,
}: {
  path: string;
  current: SourceAnswer | null;
  onSaved: (saved: SourceAnswer) => void;
}) {
  const id = useId();
  const connections = useLoad(() => getList<ConnectionAnswer>("/connections", "connections"), []);
  const [connectionId, setConnectionId] = useState(current?.connectionId ?? "");
  const [kind, setKind] = useState<SourceKindName>(
    (current?.kind as SourceKindName | undefined) ?? "gitlab_issues",
  );
  const [values, setValues] = useState<Record<string, string>>(
    current ? valuesOf(current.config) : {},
  );
  const [preview, setPreview] = useState<SourcePreviewAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const list = connections.data ?? [];
  const connection = list.find((c) => c.id === connectionId) ?? list[0];
  const kinds = (Object.keys(SOURCE_KINDS) as SourceKindName[]).filter(
    (k) => !connection || SOURCE_KINDS[k].connection === connection.kind,
  );
  const chosenKind = kinds.includes(kind) ? kind : (kinds[0] ?? kind);
  const body = () => ({ connection: connection?.id ?? "", config: configOf(chosenKind, values) });

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (connections.data && list.length === 0)
    return (
      <p className="muted">No connections yet: an admin adds them in Settings → Connections.</p>
    );

  return (
    <form
      className="stack"
      aria-label={current ? "Change the source" : "Attach a source"}
      onSubmit={(e) => {
        e.preventDefault();
        void act(async () => {
          onSaved(await api.put<SourceAnswer>(path, body()));
          setPreview(undefined);
        });
      }}
    >
      <h3>{current ? "Change the source" : "Attach a source"}</h3>
      <div className="field">
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select
          id={`${id}-connection`}
          value={connection?.id ?? ""}
          onChange={(e) => {
            setConnectionId(e.target.value);
            setPreview(undefined);
          }}
        >
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.kind})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Reads</label>
        <select
          id={`${id}-kind`}
          value={chosenKind}
          onChange={(e) => {
            setKind(e.target.value as SourceKindName);
            setPreview(undefined);
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {SOURCE_KINDS[k].label}
            </option>
          ))}
        </select>
      </div>
      {SOURCE_KINDS[chosenKind].fields.map((field) => (
        <div className="field" key={`${chosenKind}-${field.key}`}>
          <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
          {field.options ? (
            <select
              id={`${id}-${field.key}`}
              value={values[field.key] ?? field.options[0]?.[0] ?? ""}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            >
              {field.options.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-${field.key}`}
              inputMode={field.number ? "numeric" : undefined}
              value={values[field.key] ?? ""}
              aria-describedby={field.hint ? `${id}-${field.key}-hint` : undefined}
              onChange={(e) => {
                setValues({ ...values, [field.key]: e.target.value });
                setPreview(undefined);
              }}
            />
          )}
          {field.hint && (
            <span id={`${id}-${field.key}-hint`} className="hint">
              {field.hint}
            </span>
          )}
        </div>
      ))}
      {preview && (
        <output className="source-preview" aria-label="Preview">
          {preview.description}
        </output>
      )}
      <ErrorText error={error} />
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              setPreview(await api.post<SourcePreviewAnswer>(`${path}/preview`, body()));
            })
          }
        >
          Preview
        </button>
        <button type="submit" disabled={busy}>
          Save source
        </button>
      </div>
    </form>
  );
}
