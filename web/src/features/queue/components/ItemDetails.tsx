import { Code, Group, Modal, ScrollArea, Stack, Text } from "@mantine/core";
import { thumbnailUrl } from "@/common/lib/urls";
import { useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useQueueItem } from "../hooks/useQueue";
import { outputImages } from "../lib/summary";

/** One item in full: its images, results and the error with its traceback. */
export function ItemDetails({ itemId, onClose }: { itemId: number | null; onClose: () => void }) {
  const item = useQueueItem(itemId).data;
  const focus = useGalleryStore((state) => state.focus);
  const images = item ? outputImages(item.result) : [];
  return (
    <Modal opened={itemId !== null} onClose={onClose} title={`Queue item ${itemId ?? ""}`} size="lg">
      {item && (
        <Stack gap="sm">
          <Text size="sm">
            {item.status} · batch {item.batch_id.slice(0, 8)} · origin {item.origin ?? "api"} · attempts {item.attempts}
          </Text>
          {images.length > 0 && (
            <Group gap={6}>
              {images.map((name) => (
                <img
                  key={name}
                  src={thumbnailUrl(name)}
                  alt=""
                  width={72}
                  height={72}
                  className="impasto-pixelated"
                  style={{ objectFit: "cover", borderRadius: 4, cursor: "pointer" }}
                  onClick={() => focus(name)}
                  title="Show in the viewer"
                />
              ))}
            </Group>
          )}
          {item.error_message && (
            <>
              <Text size="sm" c="red">
                {item.error_type}: {item.error_message}
              </Text>
              {item.error_traceback && (
                <ScrollArea.Autosize mah={240}>
                  <Code block>{item.error_traceback}</Code>
                </ScrollArea.Autosize>
              )}
            </>
          )}
          <Text size="xs" c="dimmed">
            Graph: {Object.keys(item.graph.nodes ?? {}).length} nodes
          </Text>
        </Stack>
      )}
    </Modal>
  );
}
