/**
 * Settings: the public OKR site — which periods are public (what `okr publish` writes and
 * `/public` shows) and whether this server serves it at `/public` without sign-in.
 */
import { type FormEvent, useState } from "react";
import { api } from "../../api/client";
import type { Settings } from "../../api/types";
import { ErrorText } from "../../components/field";
import { useWorkspace } from "../../session";
import { useLoad } from "../../use-load";
import { useAction } from "./use-action";

type PublicSite = Settings["publicSite"];

export function PublicSiteSection({ editable }: { editable: boolean }) {
  const settings = useLoad(() => api.get<Settings>("/settings"), []);
  return (
    <section id="public-site" className="card" aria-labelledby="public-site-heading">
      <h2 id="public-site-heading" tabIndex={-1}>
        Public OKR site
      </h2>
      <p className="muted">
        Publish chosen periods the way handbook companies did: confidential objectives left out,
        confidential targets shown as <em>$N0</em> placeholders, progress kept. Write the site with{" "}
        <code>okr publish --out DIR</code>, or let this server show it at{" "}
        <a href="/public/">/public</a>.
      </p>
      <ErrorText error={settings.error} />
      {!settings.data && !settings.error && <p className="muted">Loading…</p>}
      {settings.data && (
        <PublicSiteForm
          initial={settings.data.publicSite}
          editable={editable}
          onSaved={(saved) => settings.setData(saved)}
        />
      )}
    </section>
  );
}

function PublicSiteForm({
  initial,
  editable,
  onSaved,
}: {
  initial: PublicSite;
  editable: boolean;
  onSaved: (settings: Settings) => void;
}) {
  const { periods } = useWorkspace();
  const [chosen, setChosen] = useState(() => new Set(initial.periods));
  const [served, setServed] = useState(initial.served);
  const { error, run } = useAction();
  const [saved, setSaved] = useState(false);

  function toggle(id: string, on: boolean) {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setSaved(false);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await run(async () => {
      const publicSite: PublicSite = {
        served,
        periods: periods.filter((p) => chosen.has(p.id)).map((p) => p.id),
      };
      onSaved(await api.put<Settings>("/settings", { publicSite }));
    });
    if (ok) setSaved(true);
  }

  return (
    <>
      <ErrorText error={error} />
      <form onSubmit={save} className="editor-grid">
        <fieldset className="field wide">
          <legend>Public periods</legend>
          {periods.length === 0 && <p className="muted">No periods yet.</p>}
          {periods.map((p) => (
            <label key={p.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(p.id)}
                disabled={!editable}
                onChange={(e) => toggle(p.id, e.target.checked)}
              />
              {p.label}
            </label>
          ))}
          <span className="hint">
            {chosen.size === 0
              ? "None marked: okr publish writes every period; /public shows none."
              : `okr publish and /public show ${chosen.size} ${chosen.size === 1 ? "period" : "periods"}.`}
          </span>
        </fieldset>
        <div className="field wide">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={served}
              disabled={!editable}
              onChange={(e) => setServed(e.target.checked)}
            />
            Serve the public site at /public
          </label>
          <span className="hint">
            {served
              ? "Anyone who can reach this server reads the public periods at /public, without signing in."
              : "Off: /public answers “not found”."}
          </span>
        </div>
        {editable && (
          <div className="actions wide">
            <button type="submit" className="primary">
              Save public site
            </button>
            {saved && (
              <span className="success" role="status">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
    </>
  );
}
