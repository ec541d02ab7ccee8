/** Move under another parent, carry over to the next period, archive. */
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

function flatten(nodes: TreeNode[], depth = 0, out: { node: TreeNode; depth: number }[] = []) {
  for (const node of nodes) {
    out.push({ node, depth });
    flatten(node.children, depth + 1, out);
  }
  return out;
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
  const tree = useLoad(() => fetchPeriodTree(item.periodId), [item.periodId, item.version]);
  const [parent, setParent] = useState("");
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

  async function run(label: string, action: () => Promise<unknown>) {
    setError(undefined);
    setMessage(undefined);
    try {
      await action();
      setMessage(label);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === "version_conflict")
        setError(
          "Someone changed this item meanwhile; the page now shows their version. Try again.",
        );
      else setError(messageOf(err));
      onChanged();
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
