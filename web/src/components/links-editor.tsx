/** The links of an objective or key result: issues, epics, dashboards, documents. */
import { type FormEvent, useId, useState } from "react";
import { LINK_KINDS, type Link, type LinkKind } from "../../../src/core/types.js";
import { api, messageOf } from "../api/client";
import type { KeyResult, Objective } from "../api/types";
import { ErrorText } from "./field";
import { safeUrl } from "./inline-markdown";

export function LinksEditor({
  item,
  editable,
  onChanged,
}: {
  item: Objective | KeyResult;
  editable: boolean;
  onChanged: () => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<LinkKind>("issue");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string>();
  const base = item.type === "key_result" ? "key-results" : "objectives";

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post(`/${base}/${item.id}/links`, { kind, text, url });
      setText("");
      setUrl("");
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function remove(link: Link) {
    setError(undefined);
    try {
      await api.delete(`/links/${link.id}`);
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="links">
      {item.links.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <ul>
          {item.links.map((link) => {
            const href = safeUrl(link.url);
            return (
              <li key={link.id}>
                <span className="badge">{link.kind.replace("_", " ")}</span>{" "}
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {link.text || link.url}
                  </a>
                ) : (
                  link.text || link.url
                )}
                {editable && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void remove(link)}
                    aria-label={`Remove link ${link.text || link.url}`}
                  >
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editable && (
        <form className="inline-form" onSubmit={add} aria-label="Add a link">
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => setKind(e.target.value as LinkKind)}
            >
              {LINK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.replace("_", " ")}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>Text</label>
            <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-url`}>URL</label>
            <input
              id={`${id}-url`}
              type="url"
              required
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </div>
          <button type="submit">Add link</button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}
