/**
 * Runs a preprocessor on a control image through the queue (at the front) and answers the image it made.
 * The item is followed by polling its record, which is short: preprocessors take well under a second.
 */
import { useMutation } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { ApiError } from "@/api/errors";
import type { Preprocessor } from "../lib/form";
import { previewBatch, previewImage } from "../lib/preprocess";

const POLL_MS = 250;
const TIMEOUT_MS = 120_000;

async function waitForItem(itemId: number) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const item = await call(api.GET("/api/v1/queue/items/{item_id}", { params: { path: { item_id: itemId } } }));
    if (item.status === "completed") return item;
    if (item.status === "failed" || item.status === "canceled") {
      throw new ApiError(409, "preview_failed", item.error_message ?? `the preview was ${item.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new ApiError(408, "preview_timeout", "the preview did not finish in time (is the queue paused?)");
}

export function usePreprocessPreview() {
  return useMutation({
    mutationFn: async ({ image, preprocessor }: { image: string; preprocessor: Preprocessor }) => {
      const batch = previewBatch(image, preprocessor);
      if (!batch) return image;
      const enqueued = await call(api.POST("/api/v1/queue/enqueue", { body: batch }));
      const itemId = enqueued.item_ids[0];
      if (itemId === undefined) throw new ApiError(500, "preview_failed", "the preview was not queued");
      const name = previewImage(await waitForItem(itemId));
      if (!name) throw new ApiError(500, "preview_failed", "the preview made no image");
      return name;
    },
  });
}
