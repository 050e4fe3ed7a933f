/** How to put images back after a move or a (un)star: grouped by what each was before. */

export interface ImageState {
  image_name: string;
  board_id?: string | null;
  starred?: boolean;
}

/** Names by their former board ('none' for no board), for moving each group back. */
export function groupByBoard(before: ImageState[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const image of before) {
    const board = image.board_id ?? "none";
    groups.set(board, [...(groups.get(board) ?? []), image.image_name]);
  }
  return groups;
}

/** The names whose star actually changes when set to `starred` (only those are flipped back on undo). */
export function starChanges(before: ImageState[], starred: boolean): string[] {
  return before.filter((image) => (image.starred ?? false) !== starred).map((image) => image.image_name);
}
