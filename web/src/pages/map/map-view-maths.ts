/**
 * Where the map's view goes to fit the whole map, or to bring one card into sight: plain maths
 * over the layout, the viewport's size and the current view.
 */
import type { MapCard } from "../../map-layout";
import { clampZoom, type Rect, type View } from "./use-view";

/** The margin, in pixels, kept between the viewport's edge and a fitted or revealed card. */
const PAD = 24;
const FIT_MIN_ZOOM = 0.25;
/** How much of a tall card must be in sight for it to count as shown. */
const SHOWN_HEIGHT = 200;

/** The view that fits a map `layoutWidth` wide into a viewport `width` wide (none before it is measured). */
export function fittedView(layoutWidth: number, width: number): View | null {
  if (width === 0) return null;
  const whole = Math.min(1, (width - PAD * 2) / Math.max(1, layoutWidth));
  // A huge map opens at its top-left corner at a readable size rather than as specks.
  const k = clampZoom(Math.max(whole, FIT_MIN_ZOOM));
  const x = layoutWidth * k <= width - PAD * 2 ? (width - layoutWidth * k) / 2 : PAD;
  return { x, y: PAD, k };
}

/**
 * The view that shows `card`: centred on it with `centre`, else panned just enough to bring it
 * in; none when it is already in sight and not to be centred.
 */
export function viewShowing(
  card: MapCard,
  centre: boolean,
  view: View,
  size: { width: number; height: number },
  visible: Rect,
): View | null {
  const { x, y, k } = view;
  const { width, height } = size;
  const shownHeight = Math.min(card.h, SHOWN_HEIGHT);
  const inside =
    card.x >= visible.left &&
    card.y >= visible.top &&
    card.x + card.w <= visible.right &&
    card.y + shownHeight <= visible.bottom;
  if (centre) {
    const nk = Math.max(k, 0.8);
    return {
      k: nk,
      x: width / 2 - (card.x + card.w / 2) * nk,
      y: Math.min(height / 2 - (card.y + card.h / 2) * nk, height / 3 - card.y * nk),
    };
  }
  if (inside) return null;
  const nx =
    card.x < visible.left
      ? PAD - card.x * k
      : card.x + card.w > visible.right
        ? width - PAD - (card.x + card.w) * k
        : x;
  const ny =
    card.y < visible.top
      ? PAD - card.y * k
      : card.y + shownHeight > visible.bottom
        ? height - PAD - (card.y + shownHeight) * k
        : y;
  return { x: nx, y: ny, k };
}
