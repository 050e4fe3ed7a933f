/** A grid of the gallery's newest images to pick a workflow's thumbnail from. */
import { Image, Loader, SimpleGrid, Text, UnstyledButton } from "@mantine/core";
import { thumbnailUrl } from "@/common/lib/urls";
import { useRecentImages } from "../hooks/useLibrary";

export function ThumbnailPicker({ onPick }: { onPick: (name: string) => void }) {
  const images = useRecentImages(true);
  if (images.isLoading) return <Loader size="sm" />;
  if (!images.data?.length)
    return (
      <Text size="sm" c="dimmed">
        The gallery has no images yet.
      </Text>
    );
  return (
    <SimpleGrid cols={6} spacing={4} data-testid="thumbnail-picker">
      {images.data.map((name) => (
        <UnstyledButton key={name} onClick={() => onPick(name)} aria-label={`Use ${name}`}>
          <Image src={thumbnailUrl(name)} w={48} h={48} radius={4} fit="cover" alt="" />
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}
