/**
 * Chooses an owner from the workspace's people, teams and role titles (the titles people hold),
 * with search as you type: an ARIA combobox, so the keyboard and screen readers work as usual.
 * The value is the owner's name, which the API resolves to the person, team or role.
 */
import { type KeyboardEvent, useEffect, useId, useMemo, useState } from "react";
import { nameKey, sameName } from "../../../src/core/name-key.js";
import { getList } from "../api/client";
import type { Person, Team } from "../api/types";
import { useLoad } from "../use-load";

export interface OwnerChoice {
  kind: "person" | "team" | "role";
  name: string;
  /** What tells it apart: a person's title and team, how many people hold a role. */
  detail: string;
}

const KIND_LABELS: Record<OwnerChoice["kind"], string> = {
  person: "Person",
  team: "Team",
  role: "Role title",
};

/** People, then teams, then the distinct role titles people hold, each sorted by name. */
export function ownerChoicesOf(people: Person[], teams: Team[]): OwnerChoice[] {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const roles = new Map<string, { name: string; holders: number }>();
  for (const person of people) {
    const title = person.title?.trim().replace(/\s+/g, " ");
    if (!title) continue;
    const key = nameKey(title);
    const entry = roles.get(key) ?? { name: title, holders: 0 };
    entry.holders += 1;
    roles.set(key, entry);
  }
  return [
    ...[...people].sort(byName).map((p) => ({
      kind: "person" as const,
      name: p.name,
      detail: [p.title, p.teamId ? teamName.get(p.teamId) : null].filter(Boolean).join(" · "),
    })),
    ...[...teams].sort(byName).map((t) => ({ kind: "team" as const, name: t.name, detail: "" })),
    ...[...roles.values()].sort(byName).map((r) => ({
      kind: "role" as const,
      name: r.name,
      detail: r.holders === 1 ? "held by 1 person" : `held by ${r.holders} people`,
    })),
  ];
}

/**
 * Choices whose name or detail contains every word of the query: names that start with it
 * first, then names that contain it, then matches on the detail (a person's title or team).
 */
export function filterOwnerChoices(choices: OwnerChoice[], query: string): OwnerChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  const phrase = words.join(" ");
  const rank = (choice: OwnerChoice): number => {
    const name = choice.name.toLowerCase();
    if (name.startsWith(phrase)) return 0;
    return words.every((word) => name.includes(word)) ? 1 : 2;
  };
  return choices
    .filter((choice) => {
      const text = `${choice.name} ${choice.detail} ${KIND_LABELS[choice.kind]}`.toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .map((choice, index) => ({ choice, index, rank: rank(choice) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ choice }) => choice);
}

export function OwnerPicker({
  label = "Owner",
  value,
  onChange,
  hint = "A person, a team or a role title: type to search.",
}: {
  label?: string;
  /** The owner's name; "" for no owner. */
  value: string;
  onChange: (name: string) => void;
  hint?: string;
}) {
  const id = useId();
  const people = useLoad(() => getList<Person>("/people", "people"), []);
  const teams = useLoad(() => getList<Team>("/teams", "teams"), []);
  const choices = useMemo(
    () => ownerChoicesOf(people.data ?? [], teams.data ?? []),
    [people.data, teams.data],
  );
  const [query, setQuery] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Typing searches; until the person types, the list shows every choice.
  const [typed, setTyped] = useState(false);
  // A new value from outside (a saved or reloaded item) shows unless the person is choosing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the value only
  useEffect(() => {
    if (!open) setQuery(value);
  }, [value]);
  const shown = useMemo(
    () => filterOwnerChoices(choices, typed ? query : "").slice(0, 50),
    [choices, query, typed],
  );
  const current = choices.find((c) => sameName(c.name, value));
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  function pick(choice: OwnerChoice | null) {
    const name = choice?.name ?? "";
    setQuery(name);
    setOpen(false);
    setTyped(false);
    onChange(name);
  }

  function close() {
    setOpen(false);
    setTyped(false);
    // Only a choice from the list is taken (typed in full, or picked); emptied text means no owner.
    const typedChoice = choices.find((c) => sameName(c.name, query));
    if (query.trim() === "") pick(null);
    else if (typedChoice) pick(typedChoice);
    else setQuery(value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        if (!open) setOpen(true);
        else setActive((i) => Math.min(shown.length - 1, i + 1));
        break;
      case "ArrowUp":
        setActive((i) => Math.max(0, i - 1));
        break;
      case "Enter":
        if (!open) return;
        pick(shown[active] ?? null);
        break;
      case "Escape":
        if (!open) return;
        setOpen(false);
        setTyped(false);
        setQuery(value);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  const describedBy = `${id}-hint ${id}-current`;
  return (
    <div className="field owner-picker">
      <label htmlFor={id}>{label}</label>
      <div className="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
          aria-describedby={describedBy}
          placeholder="Search people, teams, role titles"
          value={query}
          onFocus={() => {
            setOpen(true);
            setActive(0);
          }}
          onClick={() => setOpen(true)}
          onBlur={close}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            setQuery(e.target.value);
            setTyped(true);
            setOpen(true);
            setActive(0);
          }}
        />
        {open && shown.length === 0 && (
          <p className="combobox-list combobox-empty muted small" role="status">
            No person, team or role title matches “{query}”.
          </p>
        )}
        {open && shown.length > 0 && (
          <div
            id={listId}
            role="listbox"
            aria-label={`${label}: choices`}
            className="combobox-list"
          >
            {shown.map((choice, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
              <div
                key={`${choice.kind}:${choice.name}`}
                id={optionId(index)}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                className={`combobox-option${index === active ? " active" : ""}`}
                // Keep the focus in the input, so picking does not blur (and revert) first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(choice)}
              >
                <span className="option-name">{choice.name}</span>
                <span className="option-kind">
                  {KIND_LABELS[choice.kind]}
                  {choice.detail ? ` · ${choice.detail}` : ""}
                </span>
              </div>
            ))}
          </div>
        )}
      </div>
      <span id={`${id}-hint`} className="hint">
        {hint}
      </span>
      <span id={`${id}-current`} className="hint owner-current">
        {value.trim() === ""
          ? "No owner."
          : current
            ? `${KIND_LABELS[current.kind]}${current.detail ? ` · ${current.detail}` : ""}`
            : "Kept as written: no person, team or role title of that name yet."}
      </span>
    </div>
  );
}
