import {
  Accordion,
  ActionIcon,
  Badge,
  Box,
  Button,
  Code,
  Group,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconArrowBackUp, IconPhotoEdit } from "@tabler/icons-react";
import { useImage, useImageMetadata } from "@/features/gallery/hooks/useGallery";
import { useRecall } from "@/features/generate/hooks/useRecall";
import { useSchedulers } from "@/features/generate/hooks/useGenerateData";
import { RECALL_ALL } from "@/features/generate/lib/recall";
import { formatBytes } from "@/common/lib/format";
import { metadataRows } from "../lib/metadataRows";
import { useUseImage } from "../hooks/useUseImage";

const SOURCE_LABELS: Record<string, string> = {
  impasto: "Impasto",
  invokeai: "InvokeAI",
  a1111: "AUTOMATIC1111",
  comfyui: "ComfyUI",
};

function RawChunks({ chunks }: { chunks: Record<string, string> }) {
  const names = Object.keys(chunks);
  if (!names.length) return null;
  return (
    <Accordion variant="contained" chevronPosition="left">
      {names.map((name) => (
        <Accordion.Item key={name} value={name}>
          <Accordion.Control>
            <Text size="xs" ff="monospace">
              {name}
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", maxHeight: 240, overflow: "auto" }}>
              {chunks[name]}
            </Code>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

/** The focused image's record and recalled parameters, with "recall all" and one recall button per field. */
export function MetadataPanel({ name }: { name: string }) {
  const record = useImage(name).data;
  const metadata = useImageMetadata(name);
  const recall = useRecall();
  const use = useUseImage();
  const schedulers = useSchedulers().data ?? [];
  const params = metadata.data?.recall;
  const rows = params ? metadataRows(params, schedulers) : [];
  return (
    <ScrollArea h="100%" type="auto" data-testid="metadata-panel">
      <Stack gap="sm" p="sm">
        <Group justify="space-between">
          <Text fw={600} size="sm">
            Metadata
          </Text>
          {params?.source && <Badge variant="light">{SOURCE_LABELS[params.source] ?? params.source}</Badge>}
        </Group>
        {record && (
          <Text size="xs" c="dimmed">
            {record.width} × {record.height} · {formatBytes(record.file_size)} · {record.origin} ·{" "}
            {new Date(record.created_at).toLocaleString()}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconArrowBackUp size={14} />}
            disabled={!rows.length}
            onClick={() => params && void recall(params, RECALL_ALL)}
            data-testid="recall-all"
          >
            Recall all
          </Button>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPhotoEdit size={14} />}
            onClick={() => use.asInitImage(name)}
          >
            Use as init image
          </Button>
        </Group>
        {metadata.isLoading && <Text size="xs">Reading…</Text>}
        {params && rows.length === 0 && (
          <Text size="sm" c="dimmed">
            This image carries no generation parameters.
          </Text>
        )}
        {rows.map((row) => (
          <Box key={row.field} data-testid={`metadata-${row.field}`}>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600}>
                {row.label}
              </Text>
              <Tooltip label={`Recall the ${row.label.toLowerCase()}`}>
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  onClick={() => params && void recall(params, [row.field])}
                  aria-label={`Recall ${row.label}`}
                  data-testid={`recall-${row.field}`}
                >
                  <IconArrowBackUp size={12} />
                </ActionIcon>
              </Tooltip>
            </Group>
            <Text size="sm" style={{ wordBreak: "break-word" }} data-testid={`metadata-value-${row.field}`}>
              {row.value}
            </Text>
          </Box>
        ))}
        {params?.unread?.length ? (
          <Text size="xs" c="yellow">
            Not understood: {params.unread.join(", ")}
          </Text>
        ) : null}
        {metadata.data && <RawChunks chunks={metadata.data.chunks} />}
      </Stack>
    </ScrollArea>
  );
}
