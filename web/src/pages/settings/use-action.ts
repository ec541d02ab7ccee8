/**
 * The one way a settings section runs an action: the error clears, then shows what failed. An
 * error about one of the form's `fields` is said beside that field (`errorOf`), which gets focus.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "../../api/client";
import { type FieldError, fieldErrorOf } from "../../components/field-error";

export interface Action {
  /** The last action's error message, if it failed and was not about one of the fields. */
  error: string | undefined;
  setError: (error: string | undefined) => void;
  /** What the last action's error says about `field`, if it was about that field. */
  errorOf: (field: string) => string | undefined;
  /** The form, whose refused field gets focus. */
  formRef: RefObject<HTMLFormElement | null>;
  /** Runs `action`; true when it succeeded, false (with the error set) when it failed. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

const NO_FIELDS: readonly string[] = [];

/** `fields`: the request's fields the form shows (a constant, e.g. `["baseUrl"]`). */
export function useAction(fields: readonly string[] = NO_FIELDS): Action {
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const formRef = useRef<HTMLFormElement>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setError(undefined);
      setFieldError(undefined);
      try {
        await action();
        return true;
      } catch (err) {
        const inField = fieldErrorOf(err, fields);
        if (inField) setFieldError(inField);
        else setError(messageOf(err));
        return false;
      }
    },
    [fields],
  );
  useEffect(() => {
    if (fieldError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldError]);
  const errorOf = useCallback(
    (field: string) => (fieldError?.field === field ? fieldError.message : undefined),
    [fieldError],
  );
  return { error, setError, errorOf, formRef, run };
}
