/**
 * The map's canvas: a viewport over a world of cards and lines. Drag the background (or use the
 * arrow keys) to pan, the wheel or + and − to zoom, 0 to fit; Tab walks the cards in reading
 * order, Enter opens one, Space collapses its branch. Drag a card onto another card or one of
 * its key results to align it there; it snaps back until the move is saved.
 */
import {
  type KeyboardEvent,
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
import { fittedView, viewShowing } from "./map-view-maths";
import { useDrawnCards } from "./use-drawn-cards";
import { cardOf, type DropTarget, useMapPointer } from "./use-map-pointer";
import { useView } from "./use-view";

const PAN_STEP = 80;

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
  const pointer = useMapPointer({ viewportRef, view, setView, onDrop, onToggle });

  const byId = useMemo(() => new Map(layout.cards.map((c) => [c.node.id, c])), [layout]);

  const fitToView = useCallback(() => {
    const next = fittedView(layout.width, size.current.width);
    if (next) setView(next, true);
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
      const next = viewShowing(card, centre, view.current, size.current, visibleRect());
      if (next) setView(next, true);
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

  const { drawn, edges } = useDrawnCards(layout, windowRect, focusedId, visibleRect);

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
      {...pointer}
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
