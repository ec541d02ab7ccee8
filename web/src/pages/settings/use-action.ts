/** The one way a settings section runs an action: the error clears, then shows what failed. */
import { useCallback, useState } from "react";
import { messageOf } from "../../api/client";

export interface Action {
  /** The last action's error message, if it failed. */
  error: string | undefined;
  setError: (error: string | undefined) => void;
  /** Runs `action`; true when it succeeded, false (with `error` set) when it failed. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

export function useAction(): Action {
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  }, []);
  return { error, setError, run };
}
