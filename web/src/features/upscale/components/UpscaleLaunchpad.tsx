import { Kbd, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconPhotoUp } from "@tabler/icons-react";

/** What the viewer of the Upscale tab shows before an image is on view. */
export function UpscaleLaunchpad() {
  return (
    <Stack align="center" justify="center" style={{ flex: 1, overflow: "auto" }} p="xl" data-testid="upscale-launchpad">
      <ThemeIcon size="xl" variant="light">
        <IconPhotoUp size={22} />
      </ThemeIcon>
      <Title order={3}>Enlarge an image</Title>
      <List size="sm" spacing={4} maw={520} c="dimmed">
        <List.Item>
          Drag an image from the gallery or your computer onto “Image” on the left, or select one in the gallery and
          press “Use the viewed image”.
        </List.Item>
        <List.Item>Pick an upscaler model and the scale; the resulting size shows below it.</List.Item>
        <List.Item>
          Press Upscale (<Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>). Progress shows here, tile by tile, and the result lands in
          the gallery.
        </List.Item>
      </List>
      <Text size="xs" c="dimmed">
        Large images are processed in tiles, so they fit in memory.
      </Text>
    </Stack>
  );
}
