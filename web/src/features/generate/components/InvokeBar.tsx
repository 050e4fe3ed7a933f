import { IconSparkles } from "@tabler/icons-react";
import { QueueActionBar } from "@/common/components/QueueActionBar";
import { useAction } from "@/features/shortcuts/actions";
import { useGenerate } from "../hooks/useGenerate";

/** Invoke (Ctrl/Cmd+Enter), invoke at the front of the queue, and cancel the running item. */
export function InvokeBar() {
  const generate = useGenerate();

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
      label="Invoke"
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
