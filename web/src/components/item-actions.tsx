/** Move up or down among siblings, move under another parent, carry over, archive. */
import { useId, useMemo, useState } from "react";
import { ApiError, api, messageOf } from "../api/client";
import { fetchPeriodTree } from "../api/tree";
import type { KeyResult, Objective, TreeNode } from "../api/types";
import { navigate } from "../router";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { ErrorText } from "./field";
import { plainTextOf } from "./inline-markdown";

interface Choice {
  value: string;
  label: string;
}

// Archived items and what hangs under them are no place to move to.
function flatten(nodes: TreeNode[], depth = 0, out: { node: TreeNode; depth: number }[] = []) {
  for (const node of nodes) {
    if (node.archived) continue;
    out.push({ node, depth });
    flatten(node.children, depth + 1, out);
  }
  return out;
}

function findNode(nodes: TreeNode[], id: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The item's siblings as the server orders them, archived ones included (a place the reorder
 * API takes counts them): key results of its objective, or objectives sharing its parent.
 */
function siblingsOf(nodes: TreeNode[], item: Objective | KeyResult): TreeNode[] {
  if (item.type === "key_result") {
    const objective = findNode(nodes, item.objectiveId);
    return (objective?.children ?? []).filter((n) => n.type === "key_result");
  }
  const parentId = item.parentKeyResultId ?? item.parentObjectiveId;
  const list = parentId ? (findNode(nodes, parentId)?.children ?? []) : nodes;
  return list.filter((n) => n.type === "objective");
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

function short(text: string): string {
  const plain = plainTextOf(text);
  return plain.length > 70 ? `${plain.slice(0, 69)}…` : plain;
}

export function ItemActions({
  item,
  onChanged,
}: {
  item: Objective | KeyResult;
  onChanged: () => void;
}) {
  const id = useId();
  const workspace = useWorkspace();
  const tree = useLoad(
    () => fetchPeriodTree(item.periodId, { includeArchived: true }),
    [item.periodId, item.version],
  );
  const [parent, setParent] = useState("");
  const [busy, setBusy] = useState(false);
  // The item's version before its last change here: its places are stale until it reloads.
  const [changedFrom, setChangedFrom] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const base = item.type === "key_result" ? "key-results" : "objectives";

  const choices: Choice[] = useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const all = flatten(nodes);
    const below = new Set<string>();
    // An objective cannot move under itself or its own descendants.
    const mark = (node: TreeNode, inside: boolean) => {
      const now = inside || node.id === item.id;
      if (now) below.add(node.id);
      for (const child of node.children) mark(child, now);
    };
    for (const node of nodes) mark(node, false);
    const list: Choice[] = [];
    if (item.type === "objective") list.push({ value: "top", label: "Top level (no parent)" });
    for (const { node, depth } of all) {
      if (below.has(node.id)) continue;
      if (item.type === "key_result" && node.type !== "objective") continue;
      // <option> collapses ordinary spaces; no-break spaces keep the tree's indentation.
      const prefix = "\u00a0\u00a0\u00a0".repeat(depth);
      list.push({
        value: `${node.type}:${node.id}`,
        label: `${prefix}${node.type === "key_result" ? "KR" : "O"} · ${node.owner?.name ?? "—"}: ${short(node.title)}`,
      });
    }
    return list;
  }, [tree.data, item.id, item.type]);

  // The place among the siblings a reader sees (archived ones are not in the tree's order).
  const siblings = useMemo(() => siblingsOf(tree.data?.nodes ?? [], item), [tree.data, item]);
  const live = siblings.filter((s) => !s.archived || s.id === item.id);
  const place = live.findIndex((s) => s.id === item.id);
  // Places are known once the item came back from its last change and the tree read here is
  // of the item as it is now (the same version): a press before would send a stale place.
  const treeIsOfItem = findNode(tree.data?.nodes ?? [], item.id)?.version === item.version;
  const placeKnown =
    !tree.loading &&
    !busy &&
    changedFrom !== item.version &&
    treeIsOfItem &&
    place >= 0 &&
    !item.archived;
  const canMoveUp = placeKnown && place > 0;
  const canMoveDown = placeKnown && place < live.length - 1;

  function reorder(direction: "up" | "down") {
    const neighbour = live[direction === "up" ? place - 1 : place + 1];
    if (!neighbour || !placeKnown) return;
    // Before the sibling above, or after the one below: the sibling's own place among all.
    const position = siblings.indexOf(neighbour);
    const now = direction === "up" ? place : place + 2;
    void run(`Moved ${direction}: ${ordinal(now)} of ${live.length}.`, () =>
      api.post(`/${base}/${item.id}/reorder`, { version: item.version, position }),
    );
  }

  async function run(label: string, action: () => Promise<unknown>) {
    setError(undefined);
    setMessage(undefined);
    setBusy(true);
    const from = item.version;
    try {
      await action();
      setChangedFrom(from);
      setMessage(label);
      onChanged();
    } catch (err) {
      setChangedFrom(null);
      if (err instanceof ApiError && err.code === "version_conflict")
        setError(
          "Someone changed this item meanwhile; the page now shows their version. Try again.",
        );
      else setError(messageOf(err));
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  function move() {
    if (!parent) return;
    const [type, parentId] = parent.split(":");
    const body: Record<string, unknown> = { version: item.version };
    if (item.type === "key_result") body.objectiveId = parentId;
    else if (parent === "top") {
      body.parentObjectiveId = null;
      body.parentKeyResultId = null;
    } else if (type === "key_result") {
      body.parentKeyResultId = parentId;
      body.parentObjectiveId = null;
    } else {
      body.parentObjectiveId = parentId;
      body.parentKeyResultId = null;
    }
    void run("Moved.", () => api.post(`/${base}/${item.id}/move`, body));
  }

  async function carryOver() {
    setError(undefined);
    try {
      const created = await api.post<Objective | KeyResult>(`/${base}/${item.id}/carry-over`, {
        version: item.version,
      });
      // The next period may be new: the header's switcher and the breadcrumb must know it.
      workspace.reloadPeriods();
      navigate(`/${base}/${created.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="item-actions">
      {/* aria-disabled, not disabled: the pressed button keeps focus while the order reloads. */}
      <fieldset className="actions order-buttons">
        <legend className="visually-hidden">Order among its siblings</legend>
        <button type="button" aria-disabled={!canMoveUp} onClick={() => canMoveUp && reorder("up")}>
          Move up
        </button>
        <button
          type="button"
          aria-disabled={!canMoveDown}
          onClick={() => canMoveDown && reorder("down")}
        >
          Move down
        </button>
      </fieldset>
      <div className="inline-form">
        <div className="field grow">
          <label htmlFor={`${id}-parent`}>
            {item.type === "key_result" ? "Move to objective" : "Move under"}
          </label>
          <select id={`${id}-parent`} value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">Choose…</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={move} disabled={!parent}>
          Move
        </button>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void carryOver()} disabled={item.carriedToId !== null}>
          Carry over to next period
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm("Archive this item? It disappears from the tree and roll-ups.")) {
              void run("Archived.", () =>
                api.post(`/${base}/${item.id}/archive`, { version: item.version }),
              );
            }
          }}
          disabled={item.archived}
        >
          {item.archived ? "Archived" : "Archive"}
        </button>
      </div>
      <ErrorText error={error} />
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
