/** Sends an image on: Generate's init image or a new control unit, a canvas raster layer, or the Upscale tab. */
import { notifications } from "@mantine/notifications";
import { useMemo } from "react";
import { useUiStore } from "@/app/uiStore";
import { useCanvasInbox } from "@/features/canvas/store/inbox";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { useUpscaleStore } from "@/features/upscale/store/upscaleStore";

export function useUseImage() {
  return useMemo(
    () => ({
      asInitImage: (name: string) => {
        useGenerateStore.getState().update({ initImage: name });
        useUiStore.getState().setTab("generate");
        notifications.show({ message: "Set as the init image (image to image).", autoClose: 2000 });
      },
      asControlImage: (name: string) => {
        useGenerateStore.getState().addControlUnit("controlnet", name);
        useUiStore.getState().setTab("generate");
        notifications.show({ message: "Added a control unit with this image.", autoClose: 2000 });
      },
      toCanvas: (name: string) => {
        useCanvasInbox.getState().send(name);
        useUiStore.getState().setTab("canvas");
        notifications.show({ message: "Sent to the canvas as a new raster layer.", autoClose: 2000 });
      },
      toUpscale: (name: string) => {
        useUpscaleStore.getState().update({ image: name });
        useUiStore.getState().setTab("upscale");
      },
    }),
    [],
  );
}
