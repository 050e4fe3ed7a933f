/** Uploads and downloads of image files. */
import { postForm, type Schemas } from "@/api/client";
import { ApiError } from "@/api/errors";
import { signInIfRefused } from "@/api/session";

type ImageRecord = Schemas["ImageRecord"];
type ImageCategory = Schemas["ImageCategory"];

export async function uploadImage(
  file: Blob,
  options: { category: ImageCategory; boardId: string | null; intermediate?: boolean },
): Promise<ImageRecord> {
  const form = new FormData();
  form.append("file", file, file instanceof File ? file.name : "image.png");
  form.append("category", options.category);
  if (options.boardId) form.append("board_id", options.boardId);
  form.append("intermediate", String(options.intermediate ?? false));
  return postForm<ImageRecord>("/api/v1/images/upload", form);
}

/** Saves a blob under `filename` through a temporary link (works in every current browser). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name a Content-Disposition header gives, else `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename="?([^";]+)"?/.exec(header) : null;
  return match?.[1] ?? fallback;
}

/** Downloads a ZIP of images (or of a board) and saves it. */
export async function downloadZip(body: { image_names?: string[]; board_id?: string }): Promise<void> {
  const response = await fetch("/api/v1/images/download", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  signInIfRefused(response);
  if (!response.ok) throw ApiError.fromBody(response.status, await response.json().catch(() => undefined));
  saveBlob(await response.blob(), attachmentName(response.headers.get("content-disposition"), "impasto-images.zip"));
}
