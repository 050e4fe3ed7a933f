/**
 * A ControlNet preprocessor preview is a two-node graph run through the queue (at its front): load the
 * stored image, run the preprocessor node. The server keeps the result as an intermediate image, which
 * the unit then shows. The node types are the ones the server's generate request uses for each name.
 */
import type { Schemas } from "@/api/client";
import { isRecord } from "@/api/errors";
import type { Preprocessor } from "./form";

export const PREPROCESSORS: { value: Preprocessor; label: string; node: string | null }[] = [
  { value: "none", label: "None (the image is a control image)", node: null },
  { value: "canny", label: "Canny edges", node: "canny_edge_detection" },
  { value: "lineart_standard", label: "Line art", node: "lineart_standard_edge_detection" },
  { value: "content_shuffle", label: "Content shuffle", node: "content_shuffle" },
  { value: "color_map", label: "Color map", node: "color_map" },
  { value: "tile", label: "Tile resample", node: "tile_image_processor" },
];

export function preprocessorNode(preprocessor: Preprocessor): string | null {
  return PREPROCESSORS.find((entry) => entry.value === preprocessor)?.node ?? null;
}

/** The batch that previews `preprocessor` on `image`; null for "none". */
export function previewBatch(image: string, preprocessor: Preprocessor): Schemas["Batch"] | null {
  const node = preprocessorNode(preprocessor);
  if (!node) return null;
  return {
    graph: {
      nodes: {
        load: { id: "load", type: "load_image", image: { image_name: image } },
        preprocess: { id: "preprocess", type: node },
      },
      edges: [{ source: { node_id: "load", field: "image" }, destination: { node_id: "preprocess", field: "image" } }],
    },
    runs: 1,
    prepend: true,
    origin: "preprocessor_preview",
  };
}

/** The name of the image the preview item produced, from its stored outputs. */
export function previewImage(item: Pick<Schemas["QueueItem"], "result">): string | null {
  const outputs = isRecord(item.result) ? item.result.outputs : null;
  const node = isRecord(outputs) ? outputs.preprocess : null;
  const image = isRecord(node) ? node.image : null;
  return isRecord(image) && typeof image.image_name === "string" ? image.image_name : null;
}
