/**
 * The one way the studio copies an image: start the clipboard write, then say it worked, or, when the
 * browser blocks the clipboard, say why and offer another way to get the image (download it, open it).
 */
import { Anchor, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "@/api/errors";
import { ClipboardBlockedError, copyPngToClipboard, fetchPng } from "../lib/clipboard";
import { saveBlob } from "../lib/files";
import { imageUrl } from "../lib/urls";

export interface CopyFallback {
  /** What the link offers, e.g. "Download the image instead". */
  label: string;
  run(): void;
}

function blockedNotice(error: ClipboardBlockedError, fallback: CopyFallback) {
  const id = notifications.show({
    color: "yellow",
    title: "Could not copy the image",
    autoClose: 12_000,
    message: (
      <Stack gap={4} data-testid="copy-blocked">
        <Text size="sm">{error.message}</Text>
        <Anchor
          component="button"
          size="sm"
          data-testid="copy-fallback"
          onClick={() => {
            notifications.hide(id);
            fallback.run();
          }}
        >
          {fallback.label}
        </Anchor>
      </Stack>
    ),
  });
}

/** Copies the PNG (call from the click itself) and reports the outcome in a notification. */
export function copyImage(png: Promise<Blob>, fallback: CopyFallback): Promise<void> {
  return copyPngToClipboard(png).then(
    () => void notifications.show({ message: "Copied the image to the clipboard.", autoClose: 2000 }),
    (error: unknown) => {
      if (error instanceof ClipboardBlockedError) return blockedNotice(error, fallback);
      notifications.show({ color: "red", title: "Could not copy the image", message: describeError(error) });
    },
  );
}

/** The usual fallback: download the PNG (a link click, which no browser blocks). */
export function downloadFallback(png: () => Promise<Blob>, filename: string): CopyFallback {
  return {
    label: "Download the image instead",
    run: () =>
      void png().then(
        (blob) => saveBlob(blob, filename),
        (error: unknown) => notifications.show({ color: "red", message: describeError(error) }),
      ),
  };
}

/** Copies a stored image (by name) with the download fallback: the viewer's and the gallery's command. */
export function copyStoredImage(name: string): Promise<void> {
  const png = () => fetchPng(imageUrl(name));
  return copyImage(png(), downloadFallback(png, name.replace(/\.\w+$/, "") + ".png"));
}
