/** The app's one action registry, and a hook for components to register their actions while mounted. */
import { useEffect, useRef } from "react";
import { type Action, ActionRegistry } from "./lib/registry";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const actions = new ActionRegistry(isMac);

/**
 * Registers `action` for the component's lifetime. The latest `perform` and `enabled` are always used,
 * so callers need not memoise them.
 */
export function useAction(action: Action): void {
  const latest = useRef(action);
  latest.current = action;
  const { id, title } = action;
  const keys = action.keys.join(",");
  const inInputs = action.inInputs;
  useEffect(
    () =>
      actions.register({
        id,
        title,
        keys: keys ? keys.split(",") : [],
        inInputs,
        enabled: () => latest.current.enabled?.() ?? true,
        perform: () => latest.current.perform(),
      }),
    [id, title, keys, inInputs],
  );
}
