/**
 * Drag and drop of gallery images with the HTML5 API (works the same in Chromium and Firefox): a drag
 * carries the image names under Impasto's own MIME type, plus the image URL as text so dropping onto
 * another application still does something sensible. Drops from the desktop carry files instead.
 */

export const IMAGES_MIME = "application/x-impasto-images";

interface TransferLike {
  setData(format: string, data: string): void;
  getData(format: string): string;
  readonly types: readonly string[];
  effectAllowed?: string;
}

export function setDraggedImages(transfer: TransferLike, names: string[], origin: string): void {
  transfer.setData(IMAGES_MIME, JSON.stringify(names));
  const first = names[0];
  if (first) transfer.setData("text/uri-list", `${origin}/api/v1/images/${first}/full`);
  transfer.effectAllowed = "copyMove";
}

/** Whether a drag carries gallery images (readable during dragover, when only the types are visible). */
export function carriesImages(transfer: Pick<TransferLike, "types">): boolean {
  return transfer.types.includes(IMAGES_MIME);
}

/** Whether a drag carries files from outside the browser. */
export function carriesFiles(transfer: Pick<TransferLike, "types">): boolean {
  return transfer.types.includes("Files");
}

/** The image names a drop carries; [] for anything else (or a malformed payload). */
export function droppedImages(transfer: Pick<TransferLike, "getData">): string[] {
  const raw = transfer.getData(IMAGES_MIME);
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** The first dropped file the server accepts as an image, if any. */
export function firstImageFile(files: ArrayLike<File>): File | null {
  for (const file of Array.from(files)) if (IMAGE_TYPES.includes(file.type)) return file;
  return null;
}
