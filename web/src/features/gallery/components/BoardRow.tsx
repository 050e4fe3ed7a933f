import { ActionIcon, Badge, Box, Group, Menu, Text, Tooltip } from "@mantine/core";
import {
  IconArchive,
  IconArchiveOff,
  IconDots,
  IconDownload,
  IconFolder,
  IconPencil,
  IconTrash,
} from "@tabler/icons-react";
import { useDropTarget } from "@/common/hooks/useDropTarget";
import { thumbnailUrl } from "@/common/lib/urls";

export interface BoardRowProps {
  id: string;
  name: string;
  count: number;
  cover?: string | null;
  archived?: boolean;
  selected: boolean;
  onSelect: () => void;
  /** Images dropped onto the board (absent: not a drop target). */
  onDropImages?: (names: string[]) => void;
  onRename?: () => void;
  onArchive?: (archived: boolean) => void;
  onDelete?: () => void;
  onDownload?: () => void;
}

function Cover({ cover }: { cover?: string | null }) {
  if (cover) {
    return (
      <img src={thumbnailUrl(cover)} alt="" width={32} height={32} style={{ objectFit: "cover", borderRadius: 4 }} />
    );
  }
  return (
    <Box
      w={32}
      h={32}
      style={{ display: "grid", placeItems: "center", borderRadius: 4, background: "var(--mantine-color-dark-5)" }}
    >
      <IconFolder size={16} />
    </Box>
  );
}

/** One board in the list: select it, drop images onto it, and manage it from its menu. */
export function BoardRow(props: BoardRowProps) {
  const { props: dropProps, active } = useDropTarget({ onImages: props.onDropImages });
  const managed = !!(props.onRename || props.onDelete);
  return (
    <Group
      {...(props.onDropImages ? dropProps : {})}
      className={active ? "impasto-drop-target" : undefined}
      gap="xs"
      wrap="nowrap"
      px={6}
      py={4}
      onClick={props.onSelect}
      data-testid={`board-${props.id}`}
      data-board-name={props.name}
      style={{
        cursor: "pointer",
        borderRadius: 6,
        background: props.selected ? "var(--mantine-color-dark-5)" : undefined,
        opacity: props.archived ? 0.6 : 1,
      }}
    >
      <Cover cover={props.cover} />
      <Text size="sm" fw={props.selected ? 600 : 400} truncate style={{ flex: 1 }}>
        {props.name}
      </Text>
      {props.archived && (
        <Badge size="xs" variant="outline">
          archived
        </Badge>
      )}
      <Tooltip label="Images on this board">
        <Badge size="sm" variant="light" color="gray" data-testid={`board-count-${props.id}`}>
          {props.count}
        </Badge>
      </Tooltip>
      {managed && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              onClick={(event) => event.stopPropagation()}
              aria-label="Board menu"
            >
              <IconDots size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
            {props.onRename && (
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={props.onRename}>
                Rename
              </Menu.Item>
            )}
            {props.onDownload && (
              <Menu.Item leftSection={<IconDownload size={14} />} onClick={props.onDownload}>
                Download as ZIP
              </Menu.Item>
            )}
            {props.onArchive && (
              <Menu.Item
                leftSection={props.archived ? <IconArchiveOff size={14} /> : <IconArchive size={14} />}
                onClick={() => props.onArchive?.(!props.archived)}
              >
                {props.archived ? "Restore" : "Archive"}
              </Menu.Item>
            )}
            {props.onDelete && (
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={props.onDelete}>
                Delete…
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
