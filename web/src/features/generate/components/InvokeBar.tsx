import { IconSparkles } from "@tabler/icons-react";
import { QueueActionBar } from "@/common/components/QueueActionBar";
import { useAction } from "@/features/shortcuts/actions";
import { type GenerateHooks, useGenerate } from "../hooks/useGenerate";

export interface InvokeBarProps {
  /** How another tab changes the request (see `GenerateHooks`). */
  hooks?: GenerateHooks;
  /** The button's text (the canvas names the mode it will run in). */
  label?: string;
}

/** Invoke (Ctrl/Cmd+Enter), invoke at the front of the queue, and cancel the running item. */
export function InvokeBar({ hooks, label = "Invoke" }: InvokeBarProps = {}) {
  const generate = useGenerate(hooks);

  useAction({
    id: "generate.invoke",
    title: "Generate (add to the queue)",
    keys: ["mod+Enter"],
    inInputs: true,
    perform: () => generate.mutate({ prepend: false }),
  });
  useAction({
    id: "generate.invoke-front",
    title: "Generate at the front of the queue",
    keys: ["mod+shift+Enter"],
    inInputs: true,
    perform: () => generate.mutate({ prepend: true }),
  });

  return (
    <QueueActionBar
      label={label}
      icon={<IconSparkles size={18} />}
      loading={generate.isPending}
      run="generate.invoke"
      runFront="generate.invoke-front"
      frontLabel="Invoke at the front of the queue"
      moreLabel="More ways to invoke"
      testIds={{ run: "invoke", front: "invoke-front", count: "invoke-queue-count", cancel: "cancel-current" }}
    />
  );
}
