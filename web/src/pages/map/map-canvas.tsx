/**
 * The map's canvas: a viewport over a world of cards and lines. Drag the background (or use the
 * arrow keys) to pan, the wheel or + and − to zoom, 0 to fit; Tab walks the cards in reading
 * order, Enter opens one, Space collapses its branch. Drag a card onto another card or one of
 * its key results to align it there; it snaps back until the move is saved.
 */
import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { plainTextOf } from "../../components/inline-markdown";
import type { MapCard, MapLayout } from "../../map-layout";
import { useGrading } from "../../session";
import { MapCardView } from "./map-card";
import { clampZoom, intersects, useView } from "./use-view";

/** Where a card was dropped: an objective, or a key result (with its objective). */
export interface DropTarget {
  objectiveId: string;
  keyResultId: string | null;
}

const PAN_STEP = 80;
const DRAG_THRESHOLD = 6;
const TOUCH_HOLD_MS = 350;
const PAD = 24;
const CARDS_PER_FRAME = 40;
const FIT_MIN_ZOOM = 0.25;

type Gesture =
  | {
      kind: "pan";
      id: number;
      startX: number;
      startY: number;
      x: number;
      y: number;
      moved: boolean;
    }
  | {
      kind: "press";
      id: number;
      startX: number;
      startY: number;
      cardId: string;
      element: HTMLElement;
    }
  | {
      kind: "drag";
      id: number;
      startX: number;
      startY: number;
      cardId: string;
      element: HTMLElement;
    };

export function MapCanvas({
  layout,
  layoutKey,
  isDimmed,
  onToggle,
  onOpen,
  onDrop,
  focusRequest,
}: {
  layout: MapLayout;
  /** Changes when the map should be fitted afresh (another period or layout shape). */
  layoutKey: string;
  isDimmed: (card: MapCard) => boolean;
  onToggle: (id: string) => void;
  onOpen: (card: MapCard) => void;
  onDrop: (cardId: string, target: DropTarget) => void;
  /** Centre and focus this card (a search hit); `seq` repeats a request for the same card. */
  focusRequest: { id: string; seq: number } | null;
}) {
  const grading = useGrading();
  const viewportRef = useRef<HTMLElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const { view, size, windowRect, detail, setView, zoomBy, panBy, visibleRect } = useView(
    viewportRef,
    worldRef,
  );
  const [focusedId, setFocusedId] = useState<string | null>(null);
  /** A card picked up with M, to be put under the card where M is pressed again. */
  const [carried, setCarried] = useState<MapCard | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const suppressClick = useRef(false);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dropHighlight = useRef<Element | null>(null);

  const byId = useMemo(() => new Map(layout.cards.map((c) => [c.node.id, c])), [layout]);

  const fitToView = useCallback(() => {
    const { width } = size.current;
    if (width === 0) return;
    const whole = Math.min(1, (width - PAD * 2) / Math.max(1, layout.width));
    // A huge map opens at its top-left corner at a readable size rather than as specks.
    const k = clampZoom(Math.max(whole, FIT_MIN_ZOOM));
    const x = layout.width * k <= width - PAD * 2 ? (width - layout.width * k) / 2 : PAD;
    setView({ x, y: PAD, k }, true);
  }, [layout.width, setView, size]);

  // Fit when the map first arrives or changes shape; a reload (after a move) keeps the view.
  const fitted = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (layout.cards.length === 0 || fitted.current === layoutKey) return;
    fitted.current = layoutKey;
    fitToView();
  }, [layoutKey, layout.cards.length, fitToView]);

  /** Pans just enough for the card to be in view (centres it with `centre`), then focuses it. */
  const bringIntoView = useCallback(
    (card: MapCard, centre: boolean) => {
      const { x, y, k } = view.current;
      const { width, height } = size.current;
      const visible = visibleRect();
      const inside =
        card.x >= visible.left &&
        card.y >= visible.top &&
        card.x + card.w <= visible.right &&
        card.y + Math.min(card.h, 200) <= visible.bottom;
      if (centre) {
        const nk = Math.max(k, 0.8);
        setView(
          {
            k: nk,
            x: width / 2 - (card.x + card.w / 2) * nk,
            y: Math.min(height / 2 - (card.y + card.h / 2) * nk, height / 3 - card.y * nk),
          },
          true,
        );
      } else if (!inside) {
        const nx =
          card.x < visible.left
            ? PAD - card.x * k
            : card.x + card.w > visible.right
              ? width - PAD - (card.x + card.w) * k
              : x;
        const ny =
          card.y < visible.top
            ? PAD - card.y * k
            : card.y + Math.min(card.h, 200) > visible.bottom
              ? height - PAD - (card.y + Math.min(card.h, 200)) * k
              : y;
        setView({ x: nx, y: ny, k }, true);
      }
    },
    [setView, size, view, visibleRect],
  );

  const focusCard = useCallback(
    (card: MapCard, centre: boolean) => {
      bringIntoView(card, centre);
      pendingFocus.current = card.node.id;
      setFocusedId(card.node.id);
      const element = viewportRef.current?.querySelector<HTMLElement>(
        `[data-card-id="${CSS.escape(card.node.id)}"]`,
      );
      if (element) {
        pendingFocus.current = null;
        element.focus({ preventScroll: true });
      }
    },
    [bringIntoView],
  );

  // A card asked to take focus is in the page after the render that followed its request.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const element = viewportRef.current?.querySelector<HTMLElement>(
      `[data-card-id="${CSS.escape(id)}"]`,
    );
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request (seq) is the trigger
  useEffect(() => {
    if (!focusRequest) return;
    const card = byId.get(focusRequest.id);
    if (card) focusCard(card, true);
  }, [focusRequest]);

  // Cards new to the window come in at most CARDS_PER_FRAME a frame, nearest the view first, so
  // a window that brings hundreds does not hold one frame up while they are all put in.
  const shown = useRef<ReadonlySet<string>>(new Set());
  const [more, setMore] = useState(0);
  const { drawn, pending } = useMemo(() => {
    void more;
    if (!windowRect) return { drawn: [] as MapCard[], pending: false };
    const inWindow = (c: MapCard) =>
      intersects(windowRect, { left: c.x, top: c.y, right: c.x + c.w, bottom: c.y + c.h });
    const visible = visibleRect();
    const cx = (visible.left + visible.right) / 2;
    const cy = (visible.top + visible.bottom) / 2;
    const kept: MapCard[] = [];
    const fresh: MapCard[] = [];
    for (const c of layout.cards) {
      if (c.node.id === focusedId || (inWindow(c) && shown.current.has(c.node.id))) kept.push(c);
      else if (inWindow(c)) fresh.push(c);
    }
    const distance = (c: MapCard) => Math.hypot(c.x + c.w / 2 - cx, c.y + c.h / 2 - cy);
    fresh.sort((a, b) => distance(a) - distance(b));
    // In reading order in the page too: the order a screen reader and Tab from outside meet them.
    const list = kept.concat(fresh.slice(0, CARDS_PER_FRAME)).sort((a, b) => a.order - b.order);
    return { drawn: list, pending: fresh.length > CARDS_PER_FRAME };
  }, [layout, windowRect, focusedId, visibleRect, more]);
  useEffect(() => {
    shown.current = new Set(drawn.map((c) => c.node.id));
    if (!pending) return;
    const id = requestAnimationFrame(() => startTransition(() => setMore((n) => n + 1)));
    return () => cancelAnimationFrame(id);
  }, [drawn, pending]);
  const edges = useMemo(
    () => (windowRect ? layout.edges.filter((e) => intersects(windowRect, e)) : []),
    [layout, windowRect],
  );

  function cardOf(target: EventTarget | null): HTMLElement | null {
    return target instanceof Element ? target.closest<HTMLElement>("[data-card-id]") : null;
  }

  function clearDropHighlight() {
    dropHighlight.current?.classList.remove("drop-target");
    dropHighlight.current = null;
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

  function startDrag(g: Extract<Gesture, { kind: "press" }>) {
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
          startDrag({
            ...base,
            kind: "press",
            cardId: card.dataset.cardId as string,
            element: card,
          });
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

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if ((event.target as Element).closest("input, select, textarea")) return;
    const cardElement = cardOf(event.target);
    const card = cardElement ? byId.get(cardElement.dataset.cardId as string) : undefined;
    switch (event.key) {
      case "ArrowLeft":
        panBy(PAN_STEP, 0);
        break;
      case "ArrowRight":
        panBy(-PAN_STEP, 0);
        break;
      case "ArrowUp":
        panBy(0, PAN_STEP);
        break;
      case "ArrowDown":
        panBy(0, -PAN_STEP);
        break;
      case "+":
      case "=":
        zoomBy(1.25);
        break;
      case "-":
      case "_":
        zoomBy(0.8);
        break;
      case "0":
        fitToView();
        break;
      case "Enter":
        if (!card) return;
        onOpen(card);
        break;
      case " ":
        if (!card || card.alignedCount === 0) return;
        onToggle(card.node.id);
        break;
      case "m":
      case "M":
        if (!card) return;
        if (!carried) setCarried(card);
        else {
          setCarried(null);
          if (carried.node.id !== card.node.id)
            onDrop(carried.node.id, { objectiveId: card.node.id, keyResultId: null });
        }
        break;
      case "Escape":
        if (!carried) return;
        setCarried(null);
        break;
      case "Tab": {
        // Tab walks every card in reading order, drawn or not; past either end it leaves the map.
        if (!card) return;
        const next = layout.cards[card.order + (event.shiftKey ? -1 : 1)];
        if (!next) return;
        focusCard(next, false);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <section
      ref={viewportRef}
      className="map-viewport"
      aria-label="Alignment map: Tab moves between cards, arrow keys pan, + and − zoom, 0 fits, Enter opens a card, Space collapses its branch, M picks a card up and M on another card aligns it there"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the map itself takes the keys to pan and zoom
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(e) => endGesture(e, false)}
      onPointerCancel={(e) => endGesture(e, true)}
      onClickCapture={onClickCapture}
      onFocus={(e) => {
        const element = cardOf(e.target);
        const card = element ? byId.get(element.dataset.cardId as string) : undefined;
        if (!card) return;
        setFocusedId(card.node.id);
        bringIntoView(card, false);
      }}
      onScroll={(e) => {
        // Focus may scroll a clipped box; the view is the transform alone.
        e.currentTarget.scrollTop = 0;
        e.currentTarget.scrollLeft = 0;
      }}
    >
      <div
        ref={worldRef}
        className="map-world"
        style={{ width: layout.width, height: layout.height }}
      >
        <svg className="map-lines" width={layout.width} height={layout.height} aria-hidden="true">
          {edges.map((edge) => (
            <path
              key={edge.id}
              d={edge.path}
              className={edge.viaKeyResult ? "via-kr" : undefined}
            />
          ))}
        </svg>
        {drawn.map((card) => (
          <MapCardView
            key={card.node.id}
            card={card}
            detail={detail}
            dimmed={isDimmed(card)}
            carried={carried?.node.id === card.node.id}
            grading={grading}
          />
        ))}
      </div>
      {carried && (
        <p className="map-carrying" role="status">
          Moving “{plainTextOf(carried.node.title).replace(/\.$/, "")}”: Tab to another objective
          and press M to align it there, or Escape to leave it.
        </p>
      )}
      <div className="map-controls">
        <button type="button" onClick={() => zoomBy(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoomBy(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={fitToView}>
          Fit
        </button>
      </div>
    </section>
  );
}
