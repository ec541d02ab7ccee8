/**
 * The map's view: pan and zoom written straight to the world's CSS transform (no re-render per
 * frame), and the culling window — the part of the map drawn in the page — re-computed only
 * when the view leaves it. Below `OVERVIEW_ZOOM` cards are drawn without their key results, below
 * `BLOCKS_ZOOM` as coloured blocks (their words would be specks; they keep their labels).
 */
import { type RefObject, startTransition, useCallback, useEffect, useRef, useState } from "react";

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface View {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;
export const OVERVIEW_ZOOM = 0.45;
export const BLOCKS_ZOOM = 0.2;

/** How much of a card is drawn: all of it, its head only, or a coloured block. */
export type Detail = "full" | "head" | "block";

function detailAt(k: number): Detail {
  return k >= OVERVIEW_ZOOM ? "full" : k >= BLOCKS_ZOOM ? "head" : "block";
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    outer.left <= inner.left &&
    outer.top <= inner.top &&
    outer.right >= inner.right &&
    outer.bottom >= inner.bottom
  );
}

function areaOf(r: Rect): number {
  return (r.right - r.left) * (r.bottom - r.top);
}

export function clampZoom(k: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
}

export function useView(
  viewportRef: RefObject<HTMLElement | null>,
  worldRef: RefObject<HTMLDivElement | null>,
) {
  const view = useRef<View>({ x: 0, y: 0, k: 1 });
  const size = useRef({ width: 0, height: 0 });
  const frame = useRef(0);
  const [windowRect, setWindowRect] = useState<Rect | null>(null);
  const [detail, setDetail] = useState<Detail>("full");
  const lastDetail = useRef<Detail>("full");

  /** The part of the map in the viewport, in map units. */
  const visibleRect = useCallback((): Rect => {
    const { x, y, k } = view.current;
    const { width, height } = size.current;
    return { left: -x / k, top: -y / k, right: (width - x) / k, bottom: (height - y) / k };
  }, []);

  const apply = useCallback(() => {
    frame.current = 0;
    const { x, y, k } = view.current;
    const world = worldRef.current;
    if (world) world.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
    const viewport = viewportRef.current;
    if (viewport) viewport.dataset.zoom = k.toFixed(3);
    const visible = visibleRect();
    // Drawing the cards that come into the window is a transition: React renders them in slices
    // between frames, while the transform above keeps the view moving every frame.
    const nowDetail = detailAt(k);
    const detailChanged = nowDetail !== lastDetail.current;
    lastDetail.current = nowDetail;
    startTransition(() => {
      setDetail(nowDetail);
      setWindowRect((previous) => {
        // Keep the drawn window while the view stays inside it and it is not far larger; when
        // the cards change their detail, only those near the view are drawn again.
        if (
          previous &&
          !detailChanged &&
          contains(previous, visible) &&
          areaOf(previous) <= areaOf(visible) * 20
        )
          return previous;
        // Half a view more on each side: a few frames of panning or zooming out stay inside
        // it, so new cards are drawn now and then rather than every frame.
        const padX = (visible.right - visible.left) / 2;
        const padY = (visible.bottom - visible.top) / 2;
        return {
          left: visible.left - padX,
          top: visible.top - padY,
          right: visible.right + padX,
          bottom: visible.bottom + padY,
        };
      });
    });
  }, [viewportRef, worldRef, visibleRect]);

  /** Applies the view on the next frame (many events in one frame draw once). */
  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(apply);
  }, [apply]);

  const setView = useCallback(
    (next: View, now = false) => {
      view.current = { ...next, k: clampZoom(next.k) };
      if (now) {
        if (frame.current) cancelAnimationFrame(frame.current);
        apply();
      } else schedule();
    },
    [apply, schedule],
  );

  /** Zooms by `factor` keeping the point (px, py) of the viewport still (its centre by default). */
  const zoomBy = useCallback(
    (factor: number, px = size.current.width / 2, py = size.current.height / 2) => {
      const { x, y, k } = view.current;
      const next = clampZoom(k * factor);
      setView({ k: next, x: px - ((px - x) * next) / k, y: py - ((py - y) * next) / k });
    },
    [setView],
  );

  const panBy = useCallback(
    (dx: number, dy: number) => {
      const { x, y, k } = view.current;
      setView({ x: x + dx, y: y + dy, k });
    },
    [setView],
  );

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const measure = () => {
      size.current = { width: viewport.clientWidth, height: viewport.clientHeight };
      schedule();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(viewport);
    // The wheel zooms the map, not the page: a listener that may cancel the scroll.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = viewport.getBoundingClientRect();
      if (event.shiftKey) panBy(-event.deltaY, 0);
      else
        zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
    };
    viewport.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      observer.disconnect();
      viewport.removeEventListener("wheel", onWheel);
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [viewportRef, schedule, zoomBy, panBy]);

  return { view, size, windowRect, detail, setView, zoomBy, panBy, visibleRect };
}
