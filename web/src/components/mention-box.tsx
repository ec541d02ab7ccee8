/**
 * A comment box with a picker for `@mentions`: typing `@` and the start of a name lists the
 * people whose names match; choosing one (click, or arrow keys and Enter) writes `@Full Name`.
 */
import { type KeyboardEvent, useId, useRef, useState } from "react";
import type { Person } from "../api/types";

/** The `@word` being typed just before the caret, or null. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.' -]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  if (query.startsWith(" ")) return null;
  return { start: caret - query.length - 1, query };
}

export function MentionBox({
  label,
  value,
  onChange,
  people,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  people: Person[];
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const mention = mentionAt(value, caret);
  const query = mention?.query.toLowerCase() ?? "";
  const matches = mention
    ? people.filter((p) => p.name.toLowerCase().includes(query.trim())).slice(0, 8)
    : [];
  const open = matches.length > 0;

  function choose(person: Person) {
    if (!mention) return;
    const next = `${value.slice(0, mention.start)}@${person.name} ${value.slice(caret)}`;
    const at = mention.start + person.name.length + 2;
    onChange(next);
    setCaret(at);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const person = matches[Math.min(active, matches.length - 1)];
      if (person) {
        event.preventDefault();
        choose(person);
      }
    } else if (event.key === "Escape") {
      setCaret(0);
    }
  }

  return (
    <div className="field wide mention-box">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={area}
        rows={3}
        value={value}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-people`}
        aria-autocomplete="list"
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      <span className="hint">Markdown works. Type @ to mention someone.</span>
      {open && (
        <div
          id={`${id}-people`}
          role="listbox"
          aria-label="People to mention"
          className="mention-list"
        >
          {matches.map((person, index) => (
            <button
              type="button"
              key={person.id}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(person);
              }}
            >
              {person.name}
              {person.title ? <span className="muted"> · {person.title}</span> : null}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
