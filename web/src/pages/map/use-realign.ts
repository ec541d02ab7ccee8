/**
 * Re-aligning from the map: a dropped card goes through the objectives' move API (so the same
 * permission rules answer), and the last move can be undone by moving it back to where it was.
 */
import { useCallback, useState } from "react";
import { api, messageOf } from "../../api/client";
import type { Objective, TreeNode } from "../../api/types";
import { plainTextOf } from "../../components/inline-markdown";
import { findNode, type Placement, placementOf } from "../../map-layout";
import type { DropTarget } from "./use-map-pointer";

interface LastMove {
  id: string;
  title: string;
  before: Placement;
  beforeTitle: string;
  version: number;
}

export interface RealignState {
  /** What the last action did, for the status line. */
  message: string;
  error: string;
  busy: boolean;
  canUndo: boolean;
  realign: (cardId: string, target: DropTarget) => void;
  undo: () => void;
}

function titleOf(nodes: TreeNode[], id: string | null): string {
  if (!id) return "the top level";
  const node = findNode(nodes, id);
  return node ? `“${plainTextOf(node.title).replace(/\.$/, "")}”` : "its parent";
}

export function useRealign(nodes: TreeNode[], reload: () => void): RealignState {
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastMove | null>(null);

  const realign = useCallback(
    (cardId: string, target: DropTarget) => {
      const node = findNode(nodes, cardId);
      if (node?.type !== "objective") return;
      const title = plainTextOf(node.title).replace(/\.$/, "");
      const before = placementOf(nodes, node);
      const underId = target.keyResultId ?? target.objectiveId;
      const already = target.keyResultId
        ? before.parentKeyResultId === target.keyResultId
        : before.parentObjectiveId === target.objectiveId && before.parentKeyResultId === null;
      setError("");
      if (already) {
        setMessage(`“${title}” is already aligned under ${titleOf(nodes, underId)}.`);
        return;
      }
      setBusy(true);
      api
        .post<Objective>(`/objectives/${cardId}/move`, {
          version: node.version,
          parentObjectiveId: target.keyResultId ? null : target.objectiveId,
          parentKeyResultId: target.keyResultId,
        })
        .then((moved) => {
          setLast({
            id: cardId,
            title,
            before,
            beforeTitle: titleOf(nodes, before.parentKeyResultId ?? before.parentObjectiveId),
            version: moved.version,
          });
          setMessage(`Aligned “${title}” under ${titleOf(nodes, underId)}.`);
          reload();
        })
        .catch((err: unknown) => {
          setMessage("");
          setError(`“${title}” was not moved: ${messageOf(err)}`);
        })
        .finally(() => setBusy(false));
    },
    [nodes, reload],
  );

  const undo = useCallback(() => {
    if (!last) return;
    setBusy(true);
    setError("");
    api
      .post<Objective>(`/objectives/${last.id}/move`, { version: last.version, ...last.before })
      .then(() => {
        setLast(null);
        setMessage(`Undone: “${last.title}” is back under ${last.beforeTitle}.`);
        reload();
      })
      .catch((err: unknown) => setError(`The move was not undone: ${messageOf(err)}`))
      .finally(() => setBusy(false));
  }, [last, reload]);

  return { message, error, busy, canUndo: last !== null, realign, undo };
}
