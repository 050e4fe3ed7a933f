/** URLs of stored images (immutable per name, so the browser caches them for good). */
export function imageUrl(name: string): string {
  return `/api/v1/images/${encodeURIComponent(name)}/full`;
}

export function thumbnailUrl(name: string): string {
  return `/api/v1/images/${encodeURIComponent(name)}/thumbnail`;
}

export const DOCS_URL = "/docs";
