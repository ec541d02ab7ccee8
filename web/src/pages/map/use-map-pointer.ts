/**
 * The map's pointer: drag the background to pan; press a card and move it past a few pixels to
 * carry it (on a touch screen, hold a finger still on it first; moved at once, it pans); drop it
 * on another card or one of its key results to align it there. The card snaps back until the
 * move is saved. A click that ends a pan or a drag does nothing else; a click on a card's
 * collapse toggle collapses its branch.
 */
import type { MouseEvent, PointerEvent, RefObject } from "react";
import { useRef } from "react";
import type { View } from "./use-view";

/** Where a card was dropped: an objective, or a key result (with its objective). */
export interface DropTarget {
  objectiveId: string;
  keyResultId: string | null;
}

const DRAG_THRESHOLD = 6;
const TOUCH_HOLD_MS = 350;

interface Pointer {
  id: number;
  startX: number;
  startY: number;
}
type Gesture =
  | (Pointer & { kind: "pan"; x: number; y: number; moved: boolean })
  | (Pointer & { kind: "press" | "drag"; cardId: string; element: HTMLElement });

/** The map card an event happened in, if any. */
export function cardOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>("[data-card-id]") : null;
}

function dropTargetAt(
  clientX: number,
  clientY: number,
): { element: Element; target: DropTarget } | null {
  const hit = document.elementFromPoint(clientX, clientY);
  const kr = hit?.closest("[data-drop-key-result]");
  const objective = hit?.closest<HTMLElement>("[data-drop-objective]");
  if (!objective) return null;
  const objectiveId = objective.dataset.dropObjective as string;
  if (kr) {
    return {
      element: kr,
      target: { objectiveId, keyResultId: kr.getAttribute("data-drop-key-result") },
    };
  }
  return { element: objective, target: { objectiveId, keyResultId: null } };
}

/** The viewport's pointer and click handlers. */
export function useMapPointer({
  viewportRef,
  view,
  setView,
  onDrop,
  onToggle,
}: {
  viewportRef: RefObject<HTMLElement | null>;
  view: RefObject<View>;
  setView: (next: View) => void;
  onDrop: (cardId: string, target: DropTarget) => void;
  onToggle: (id: string) => void;
}) {
  const gesture = useRef<Gesture | null>(null);
  const suppressClick = useRef(false);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dropHighlight = useRef<Element | null>(null);

  function clearDropHighlight() {
    dropHighlight.current?.classList.remove("drop-target");
    dropHighlight.current = null;
  }

  function startDrag(g: Pointer & { cardId: string; element: HTMLElement }) {
    gesture.current = { ...g, kind: "drag" };
    g.element.classList.add("dragging");
    viewportRef.current?.setPointerCapture(g.id);
  }

  function onPointerDown(event: PointerEvent<HTMLElement>) {
    if (event.button !== 0 || gesture.current) return;
    const target = event.target as Element;
    if (target.closest("button, input, select, .map-controls")) return;
    const card = cardOf(target);
    const base = { id: event.pointerId, startX: event.clientX, startY: event.clientY };
    if (card && event.pointerType !== "touch") {
      gesture.current = {
        ...base,
        kind: "press",
        cardId: card.dataset.cardId as string,
        element: card,
      };
      return;
    }
    const { x, y } = view.current;
    gesture.current = { ...base, kind: "pan", x, y, moved: false };
    viewportRef.current?.setPointerCapture(event.pointerId);
    if (card) {
      // On a touch screen a finger held still on a card picks it up; moved at once, it pans.
      holdTimer.current = setTimeout(() => {
        const g = gesture.current;
        if (g?.kind === "pan" && !g.moved) {
          startDrag({ ...base, cardId: card.dataset.cardId as string, element: card });
        }
      }, TOUCH_HOLD_MS);
    }
  }

  function onPointerMove(event: PointerEvent<HTMLElement>) {
    const g = gesture.current;
    if (!g || g.id !== event.pointerId) return;
    const dx = event.clientX - g.startX;
    const dy = event.clientY - g.startY;
    const far = Math.hypot(dx, dy) > DRAG_THRESHOLD;
    if (g.kind === "pan") {
      if (!g.moved && !far) return;
      g.moved = true;
      clearTimeout(holdTimer.current);
      setView({ x: g.x + dx, y: g.y + dy, k: view.current.k });
      return;
    }
    if (g.kind === "press") {
      if (!far) return;
      startDrag(g);
    }
    const drag = gesture.current;
    if (drag?.kind !== "drag") return;
    const k = view.current.k;
    drag.element.style.transform = `translate(${dx / k}px, ${dy / k}px)`;
    const found = dropTargetAt(event.clientX, event.clientY);
    const element = found && found.target.objectiveId !== drag.cardId ? found.element : null;
    if (element !== dropHighlight.current) {
      clearDropHighlight();
      element?.classList.add("drop-target");
      dropHighlight.current = element;
    }
  }

  function endGesture(event: PointerEvent<HTMLElement>, cancelled: boolean) {
    const g = gesture.current;
    if (!g || g.id !== event.pointerId) return;
    gesture.current = null;
    clearTimeout(holdTimer.current);
    if (g.kind === "pan") {
      if (g.moved) suppressClick.current = true;
      return;
    }
    if (g.kind !== "drag") return;
    suppressClick.current = true;
    // The card snaps back; if the move is saved, the reloaded map draws it in its new place.
    g.element.classList.remove("dragging");
    g.element.style.transform = "";
    clearDropHighlight();
    if (cancelled) return;
    const found = dropTargetAt(event.clientX, event.clientY);
    if (found && found.target.objectiveId !== g.cardId) onDrop(g.cardId, found.target);
  }

  function onClickCapture(event: MouseEvent<HTMLElement>) {
    if (suppressClick.current) {
      suppressClick.current = false;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const toggle = (event.target as Element).closest<HTMLElement>("[data-toggle]");
    if (toggle) {
      event.preventDefault();
      onToggle(toggle.dataset.toggle as string);
    }
  }

  return {
    onPointerDown,
    onPointerMove,
    onPointerUp: (event: PointerEvent<HTMLElement>) => endGesture(event, false),
    onPointerCancel: (event: PointerEvent<HTMLElement>) => endGesture(event, true),
    onClickCapture,
  };
}
