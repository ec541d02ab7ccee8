/**
 * A modal dialog on the native <dialog> element: focus stays inside, Escape closes, and when it
 * closes focus goes back to where it was (the button that opened it).
 */
import { type ReactNode, useEffect, useLayoutEffect, useRef } from "react";
import { focusOriginOf, returnFocus } from "./focus-return";

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const origin = focusOriginOf(document.activeElement);
    // After the page has drawn what the dialog's work changed, so a redrawn button is found.
    return () => {
      requestAnimationFrame(() => returnFocus(origin));
    };
  }, []);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first button (Close); the form's first field is where people type.
      const field = dialog.querySelector<HTMLElement>(
        "[data-autofocus], .dialog-body input, .dialog-body select, .dialog-body textarea",
      );
      field?.focus();
      if (field instanceof HTMLInputElement && field.type !== "checkbox") field.select();
    }
    // Closing here fires a "close" event; we listen to "cancel" (Escape) only, so an unmount
    // (or a remount) never closes the next dialog by accident.
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
