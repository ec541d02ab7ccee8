/** The alignment map of a period: every objective a card, aligned objectives linked beneath. */
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { getList } from "../api/client";
import { fetchPeriodTree } from "../api/tree";
import type { Person, Team, TreeNode } from "../api/types";
import { plainTextOf } from "../components/inline-markdown";
import { branchIdsIn, layoutMap, type MapCard, type ObjectiveNode } from "../map-layout";
import { hrefOf, navigate } from "../router";
import { NO_FILTERS, nodeMatcher, ownersIn } from "../tree-model";
import { useLoad } from "../use-load";
import { MapCanvas } from "./map/map-canvas";
import { useRealign } from "./map/use-realign";
import "../map.css";

const PHONE_QUERY = "(max-width: 640px)";

function usePhoneWidth(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const onChange = () => setPhone(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return phone;
}

/** Every objective in reading order, with the objective it hangs beneath (through a key result too). */
function objectivesIn(nodes: TreeNode[]): { node: ObjectiveNode; parentId: string | null }[] {
  const out: { node: ObjectiveNode; parentId: string | null }[] = [];
  const visit = (list: TreeNode[], parentId: string | null) => {
    for (const node of list) {
      if (node.type === "objective") {
        out.push({ node, parentId });
        visit(node.children, node.id);
      } else visit(node.children, parentId);
    }
  };
  visit(nodes, null);
  return out;
}

function searchText(node: ObjectiveNode): string {
  const parts = [plainTextOf(node.title), node.owner?.name ?? ""];
  for (const child of node.children)
    if (child.type === "key_result") parts.push(plainTextOf(child.title), child.owner?.name ?? "");
  return parts.join(" ").toLowerCase();
}

export function MapPage({ periodId }: { periodId: string }) {
  const loaded = useLoad(() => fetchPeriodTree(periodId), [periodId]);
  const tree = loaded.data?.period.id === periodId ? loaded.data : undefined;
  const people = useLoad(() => getList<Person>("/people", "people").catch(() => []), []);
  const teams = useLoad(() => getList<Team>("/teams", "teams").catch(() => []), []);
  const phone = usePhoneWidth();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [owner, setOwner] = useState("");
  const [team, setTeam] = useState("");
  const [search, setSearch] = useState("");
  const [hitIndex, setHitIndex] = useState(-1);
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | null>(null);

  const nodes = tree?.nodes ?? [];
  const columnWidth = Math.max(240, window.innerWidth - 48);
  const layout = useMemo(
    () => layoutMap(nodes, collapsed, phone ? "column" : "tree", columnWidth),
    [nodes, collapsed, phone, columnWidth],
  );
  const objectives = useMemo(() => objectivesIn(nodes), [nodes]);
  const owners = useMemo(() => ownersIn(nodes), [nodes]);
  const realign = useRealign(nodes, loaded.reload);

  const filtering = owner !== "" || team !== "";
  const isDimmed = useMemo(() => {
    if (!filtering) return () => false;
    const test = nodeMatcher({ ...NO_FILTERS, owner, team }, people.data ?? [], teams.data ?? []);
    const lit = new Map<string, boolean>();
    return (card: MapCard) => {
      let on = lit.get(card.node.id);
      if (on === undefined) {
        on = test(card.node) || card.keyResults.some(test);
        lit.set(card.node.id, on);
      }
      return !on;
    };
  }, [filtering, owner, team, people.data, teams.data]);
  const litCount = useMemo(
    () => (filtering ? layout.cards.filter((c) => !isDimmed(c)).length : layout.cards.length),
    [filtering, layout, isDimmed],
  );

  const needle = search.trim().toLowerCase();
  const hits = useMemo(
    () => (needle ? objectives.filter((o) => searchText(o.node).includes(needle)) : []),
    [objectives, needle],
  );

  const jump = useCallback(
    (index: number) => {
      const hit = hits[index];
      if (!hit) return;
      setHitIndex(index);
      // A hit inside a collapsed branch opens the branches above it.
      const parents = new Map(objectives.map((o) => [o.node.id, o.parentId]));
      setCollapsed((previous) => {
        const next = new Set(previous);
        for (let id = parents.get(hit.node.id); id; id = parents.get(id)) next.delete(id);
        return next.size === previous.size ? previous : next;
      });
      setFocusRequest((r) => ({ id: hit.node.id, seq: (r?.seq ?? 0) + 1 }));
    },
    [hits, objectives],
  );

  const toggle = useCallback((id: string) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  function onSearch(event: FormEvent) {
    event.preventDefault();
    if (hits.length > 0) jump((hitIndex + 1) % hits.length);
  }

  const period = tree?.period;
  const teamNames = (teams.data ?? []).map((t) => t.name);
  return (
    <section className="map-page">
      <div className="page-head">
        <h1>
          {period?.label ?? "Period"} <span className="muted small">alignment map</span>
        </h1>
        <a href={hrefOf(`/periods/${periodId}`)}>Back to the tree</a>
      </div>
      <form className="map-toolbar" aria-label="Find and filter on the map" onSubmit={onSearch}>
        <div className="field grow">
          <label htmlFor="map-search">Find a card</label>
          <input
            id="map-search"
            type="search"
            placeholder="Title or owner, then Enter"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setHitIndex(-1);
            }}
          />
        </div>
        <button type="submit" disabled={hits.length === 0}>
          {hitIndex >= 0 ? "Next" : "Find"}
        </button>
        <MapSelect
          id="map-owner"
          label="Owner"
          value={owner}
          onChange={setOwner}
          options={owners}
        />
        <MapSelect id="map-team" label="Team" value={team} onChange={setTeam} options={teamNames} />
        <div className="map-actions">
          <button type="button" onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button type="button" onClick={() => setCollapsed(new Set(branchIdsIn(nodes)))}>
            Collapse all
          </button>
        </div>
      </form>
      <p className="map-status" aria-live="polite">
        {needle &&
          (hits.length === 0
            ? "No card matches."
            : `${hitIndex >= 0 ? `${hitIndex + 1} of ` : ""}${hits.length} matching ${hits.length === 1 ? "card" : "cards"}.`)}{" "}
        {filtering &&
          `${litCount} of ${layout.cards.length} cards match the filter; the rest are dimmed.`}{" "}
        {realign.message}
        {realign.canUndo && (
          <button
            type="button"
            className="link-button"
            onClick={realign.undo}
            disabled={realign.busy}
          >
            Undo
          </button>
        )}
      </p>
      {realign.error && (
        <p role="alert" className="error">
          {realign.error}
        </p>
      )}
      {loaded.error && (
        <p role="alert" className="error">
          {loaded.error}
        </p>
      )}
      {!tree && !loaded.error && <p className="page-status">Loading the map…</p>}
      {tree && layout.cards.length === 0 && (
        <p className="empty">No objectives in this period yet.</p>
      )}
      {tree && layout.cards.length > 0 && (
        <MapCanvas
          layout={layout}
          layoutKey={`${periodId}:${phone ? "column" : "tree"}`}
          isDimmed={isDimmed}
          onToggle={toggle}
          onOpen={(card) => navigate(`/objectives/${card.node.id}`)}
          onDrop={realign.realign}
          focusRequest={focusRequest}
        />
      )}
      <p className="muted small map-help">
        Drag the background or use the arrow keys to pan; the wheel or + and − zoom; drag a card
        onto another objective or one of its key results to align it there (with the keyboard: M on
        the card, then M on the objective it goes under).
      </p>
    </section>
  );
}

function MapSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly string[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
