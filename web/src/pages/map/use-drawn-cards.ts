/**
 * Which of the map's cards and lines are in the page: those in the culling window, cards new to
 * it coming in at most `CARDS_PER_FRAME` a frame, nearest the view first, so a window that brings
 * hundreds does not hold one frame up while they are all put in.
 */
import { startTransition, useEffect, useMemo, useRef, useState } from "react";
import type { MapCard, MapLayout } from "../../map-layout";
import { intersects, type Rect } from "./use-view";

const CARDS_PER_FRAME = 40;

/** The cards (in reading order) and lines to draw; the focused card is always drawn. */
export function useDrawnCards(
  layout: MapLayout,
  windowRect: Rect | null,
  focusedId: string | null,
  visibleRect: () => Rect,
) {
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
  return { drawn, edges };
}
