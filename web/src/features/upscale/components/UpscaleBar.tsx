import { IconPhotoUp } from "@tabler/icons-react";
import { QueueActionBar } from "@/common/components/QueueActionBar";
import { useAction } from "@/features/shortcuts/actions";
import { useUpscale } from "../hooks/useUpscale";
import type { UpscalePlan } from "../hooks/useUpscalePlan";

/** Upscale (Ctrl/Cmd+Enter), upscale at the front of the queue, and cancel the running item. */
export function UpscaleBar({ plan }: { plan: UpscalePlan }) {
  const upscale = useUpscale(plan);

  useAction({
    id: "upscale.run",
    title: "Upscale (add to the queue)",
    keys: ["mod+Enter"],
    inInputs: true,
    perform: () => upscale.run(false),
  });
  useAction({
    id: "upscale.run-front",
    title: "Upscale at the front of the queue",
    keys: ["mod+shift+Enter"],
    inInputs: true,
    perform: () => upscale.run(true),
  });

  return (
    <QueueActionBar
      label="Upscale"
      icon={<IconPhotoUp size={18} />}
      loading={upscale.isPending}
      run="upscale.run"
      runFront="upscale.run-front"
      frontLabel="Upscale at the front of the queue"
      moreLabel="More ways to upscale"
      testIds={{ run: "upscale-run" }}
    />
  );
}
