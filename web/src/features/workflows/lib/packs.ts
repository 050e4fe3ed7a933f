/** Names for node packs as the server wants them (a folder name: letters, digits, '-' and '_'). */

/** The pack name a git URL or a zip file name suggests, as the server would derive it. */
export function suggestedPackName(source: string): string {
  const last =
    source
      .replace(/[?#].*$/, "")
      .replace(/\/+$/, "")
      .split(/[/\\]/)
      .pop() ?? "";
  const bare = decoded(last).replace(/\.(git|zip)$/i, "");
  return bare
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 64);
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Why `name` cannot name a pack, or null when it can. */
export function packNameProblem(name: string): string | null {
  if (!name) return "Give the pack a name.";
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name))
    return "Use up to 64 letters, digits, '-' or '_', starting with a letter or digit.";
  return null;
}

/** Whether `url` is one the server takes: http(s), or a file:// URL (allowed folders only). */
export function isPackUrl(url: string): boolean {
  return /^(https?:\/\/[^/\s]+\/\S+|file:\/\/\/\S+)$/.test(url.trim());
}
