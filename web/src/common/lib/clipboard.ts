/**
 * Copying an image to the system clipboard as a PNG (`navigator.clipboard.write` with a `ClipboardItem`).
 * Browsers refuse it in several ways (no async clipboard API, an insecure page, a denied permission);
 * each becomes a `ClipboardBlockedError` saying why, so the caller can offer a download instead.
 */

export class ClipboardBlockedError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`The browser did not let the page copy the image: ${reason}.`, options);
    this.name = "ClipboardBlockedError";
  }
}

/** Why the clipboard cannot take an image here, or null when the API is there to try. */
export function clipboardUnavailable(): string | null {
  if (typeof window !== "undefined" && !window.isSecureContext)
    return "the studio is not opened over HTTPS or from localhost, and browsers keep the clipboard from such pages";
  if (typeof navigator === "undefined" || !navigator.clipboard?.write || typeof ClipboardItem === "undefined")
    return "this browser gives pages no way to write images to the clipboard";
  return null;
}

/** Whether a failed write was the browser saying no (permission, focus), not a broken image. */
function refused(error: unknown): boolean {
  return error instanceof DOMException && ["NotAllowedError", "SecurityError"].includes(error.name);
}

/**
 * Puts the PNG on the clipboard. Call it straight from the click that asks for it: the write starts at
 * once (browsers require a recent user gesture) and waits for `png` itself, so the image may still be
 * loading or encoding.
 */
export async function copyPngToClipboard(png: Promise<Blob>): Promise<void> {
  const unavailable = clipboardUnavailable();
  if (unavailable) {
    png.catch(() => undefined);
    throw new ClipboardBlockedError(unavailable);
  }
  let failedImage: { error: unknown } | null = null;
  const image = png.catch((error: unknown) => {
    failedImage = { error };
    throw error;
  });
  try {
    await navigator.clipboard.write([new ClipboardItem({ "image/png": image })]);
  } catch (error) {
    if (failedImage) throw (failedImage as { error: unknown }).error;
    if (refused(error)) throw new ClipboardBlockedError("it denied the clipboard permission", { cause: error });
    throw error;
  }
}

/** A stored image as a PNG blob: fetched as is when it is a PNG, else re-encoded by the browser. */
export async function fetchPng(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the image ${url} could not be loaded (HTTP ${response.status})`);
  const blob = await response.blob();
  return blob.type === "image/png" ? blob : toPngBlob(await createImageBitmap(blob));
}

/** Encodes pixels as a PNG blob. */
export function toPngBlob(source: CanvasImageSource & { width: number; height: number }): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = source.width;
  canvas.height = source.height;
  canvas.getContext("2d")?.drawImage(source, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the browser could not encode a PNG"))),
      "image/png",
    ),
  );
}
