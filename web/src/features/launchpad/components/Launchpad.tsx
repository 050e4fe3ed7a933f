import { Anchor, Badge, Button, Card, List, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBrush } from "@tabler/icons-react";
import type { Tab } from "@/app/uiStore";
import { useUiStore } from "@/app/uiStore";
import { DOCS_URL } from "@/common/lib/urls";

const PAGES: Partial<Record<Tab, { title: string; icon: React.ReactNode; about: string; meanwhile: string[] }>> = {
  canvas: {
    title: "Canvas",
    icon: <IconBrush size={22} />,
    about: "Paint, mask, inpaint and outpaint on an infinite canvas with layers.",
    meanwhile: [
      "Image to image works today: drop an image onto “Init image” in the Generate tab.",
      "Inpainting and outpainting are in the HTTP API (POST /api/v1/generate with mask or outpaint).",
    ],
  },
};

/** A tab that is still being built: what it will do, and what works in the meantime. */
export function Launchpad({ tab }: { tab: Tab }) {
  const setTab = useUiStore((state) => state.setTab);
  const page = PAGES[tab];
  if (!page) return null;
  return (
    <Stack align="center" justify="center" h="100%" p="xl" data-testid={`launchpad-${tab}`}>
      <Card withBorder padding="xl" maw={560}>
        <Stack gap="sm">
          <ThemeIcon size="xl" variant="light">
            {page.icon}
          </ThemeIcon>
          <Title order={3}>
            {page.title} <Badge variant="light">coming soon</Badge>
          </Title>
          <Text>{page.about}</Text>
          <Text size="sm" fw={600} mt="sm">
            Meanwhile
          </Text>
          <List size="sm" spacing={4}>
            {page.meanwhile.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Button variant="light" onClick={() => setTab("generate")} mt="sm">
            Go to Generate
          </Button>
          <Anchor href={DOCS_URL} target="_blank" size="sm">
            API documentation
          </Anchor>
        </Stack>
      </Card>
    </Stack>
  );
}
