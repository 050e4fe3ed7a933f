/** Sends an image to the Generate form: as the init image, or as the image of a new control unit. */
import { notifications } from "@mantine/notifications";
import { useMemo } from "react";
import { useUiStore } from "@/app/uiStore";
import { useGenerateStore } from "@/features/generate/store/generateStore";

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
    }),
    [],
  );
}
