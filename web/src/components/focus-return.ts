/**
 * Gives focus back to where it was before a dialog opened: the same element, or the one drawn in
 * its place (same id, or the same name in the same row); failing that, the page's content.
 */

export interface FocusOrigin {
  element: HTMLElement;
  id: string;
  label: string | null;
  rowId: string | null;
}

export function focusOriginOf(active: Element | null): FocusOrigin | null {
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  return {
    element: active,
    id: active.id,
    label: active.getAttribute("aria-label"),
    rowId: active.parentElement?.closest("[id]")?.id ?? null,
  };
}

function findAgain(origin: FocusOrigin): HTMLElement | null {
  if (origin.element.isConnected) return origin.element;
  if (origin.id) return document.getElementById(origin.id);
  const row = origin.rowId ? document.getElementById(origin.rowId) : null;
  if (!row) return null;
  const named = Array.from(row.querySelectorAll<HTMLElement>("[aria-label]")).find(
    (element) => element.getAttribute("aria-label") === origin.label,
  );
  return named ?? row;
}

function focusContent(): void {
  document.getElementById("main")?.focus();
}

/**
 * When the page later removes the focused element (a list drawn again after a save), focus moves
 * to the page's content instead of the top of the document; until focus moves elsewhere.
 */
function followRemoval(target: HTMLElement): void {
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("focusin", stop);
  };
  const observer = new MutationObserver(() => {
    if (target.isConnected) return;
    stop();
    if (!document.activeElement || document.activeElement === document.body) focusContent();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("focusin", stop);
}

export function returnFocus(origin: FocusOrigin | null): void {
  const active = document.activeElement;
  if (!origin || (active && active !== document.body)) return;
  const target = findAgain(origin);
  if (!target) {
    focusContent();
    return;
  }
  target.focus();
  followRemoval(target);
}
