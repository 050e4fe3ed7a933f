/**
 * Splits a prompt into tokens for syntax highlighting: compel weights (`cat++`, `(a hat)1.3`), blends and
 * conjunctions (`("a", "b").blend(1, 0.5)`, `.and()`), dynamic prompts (`{red|blue}`, `{2$$a|b|c}`),
 * wildcards (`__color__`), textual inversions (`<name>`) and escapes (`\(`). The tokens always join back
 * into the prompt, and unbalanced brackets are reported as problems, as the server would refuse them.
 */

export type TokenKind =
  "text" | "paren" | "weight" | "function" | "string" | "dynamic" | "wildcard" | "embedding" | "escape" | "error";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
}

export interface Tokenized {
  tokens: Token[];
  problems: string[];
}

const WEIGHT_AFTER_PAREN = /^(?:[+-]+|\d*\.?\d+)/;
const WEIGHT_AFTER_WORD = /^[+-]+(?=$|[\s,)\]}|])/;
const FUNCTION = /^\.(?:blend|and)(?=\()/;
const WILDCARD = /^__[\w\-./]+__/;
const EMBEDDING = /^<[^<>\s]+>/;
const STRING = /^"(?:[^"\\]|\\.)*"/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

interface Open {
  index: number;
  char: "(" | "{";
}

class Scanner {
  readonly tokens: Token[] = [];
  readonly problems: string[] = [];
  private readonly open: Open[] = [];
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): Tokenized {
    while (this.pos < this.text.length) this.step();
    for (const open of this.open) {
      const token = this.tokens[open.index];
      if (token) token.kind = "error";
      this.problems.push(`'${open.char}' at position ${(token?.start ?? 0) + 1} is never closed`);
    }
    return { tokens: this.tokens, problems: this.problems };
  }

  private step(): void {
    const rest = this.text.slice(this.pos);
    const char = rest[0] ?? "";
    if (char === "\\" && rest.length > 1) return this.push("escape", rest.slice(0, 2));
    const special = this.matchSpecial(rest);
    if (special) return this.push(special.kind, special.text);
    if (char === "(" || char === "{") return this.opening(char);
    if (char === ")" || char === "}") return this.closing(char, rest);
    if ((char === "|" || rest.startsWith("$$")) && this.insideDynamic()) {
      return this.push("dynamic", char === "|" ? "|" : "$$");
    }
    if ((char === "+" || char === "-") && this.afterWord()) {
      const weight = WEIGHT_AFTER_WORD.exec(rest);
      if (weight) return this.push("weight", weight[0]);
    }
    this.push("text", char);
  }

  private matchSpecial(rest: string): { kind: TokenKind; text: string } | null {
    const patterns: [RegExp, TokenKind][] = [
      [FUNCTION, "function"],
      [WILDCARD, "wildcard"],
      [EMBEDDING, "embedding"],
      [STRING, "string"],
    ];
    for (const [pattern, kind] of patterns) {
      const match = pattern.exec(rest);
      if (match) return { kind, text: match[0] };
    }
    return null;
  }

  private opening(char: "(" | "{"): void {
    this.open.push({ index: this.tokens.length, char });
    this.push(char === "(" ? "paren" : "dynamic", char);
  }

  private closing(char: ")" | "}", rest: string): void {
    const wanted = char === ")" ? "(" : "{";
    const top = this.open[this.open.length - 1];
    if (!top || top.char !== wanted) {
      this.problems.push(`'${char}' at position ${this.pos + 1} has no matching '${wanted}'`);
      return this.push("error", char);
    }
    this.open.pop();
    this.push(char === ")" ? "paren" : "dynamic", char);
    if (char === ")") {
      const weight = WEIGHT_AFTER_PAREN.exec(rest.slice(1));
      if (weight) this.push("weight", weight[0]);
    }
  }

  private insideDynamic(): boolean {
    return this.open.some((open) => open.char === "{");
  }

  private afterWord(): boolean {
    const previous = this.text[this.pos - 1];
    return previous !== undefined && (WORD_CHAR.test(previous) || previous === "+" || previous === "-");
  }

  private push(kind: TokenKind, text: string): void {
    const last = this.tokens[this.tokens.length - 1];
    if (kind === "text" && last?.kind === "text") {
      last.text += text;
    } else {
      this.tokens.push({ kind, text, start: this.pos });
    }
    this.pos += text.length;
  }
}

/** The prompt's tokens (joining back into it) and its bracket problems. */
export function tokenizePrompt(prompt: string): Tokenized {
  return new Scanner(prompt).run();
}

/** Names of the textual inversions a prompt uses (`<name>`), in order of appearance. */
export function embeddingsIn(prompt: string): string[] {
  return tokenizePrompt(prompt)
    .tokens.filter((token) => token.kind === "embedding")
    .map((token) => token.text.slice(1, -1));
}

/** Whether the prompt uses dynamic-prompt syntax, so a preview of its expansions is worth showing. */
export function hasDynamicSyntax(prompt: string): boolean {
  return tokenizePrompt(prompt).tokens.some((token) => token.kind === "dynamic" || token.kind === "wildcard");
}

/**
 * Inserts `insertion` at the caret (or replaces the selection), adding a separating space or comma
 * where the neighbouring text needs one. Returns the new text and caret.
 */
export function insertAt(
  text: string,
  insertion: string,
  selectionStart: number,
  selectionEnd: number = selectionStart,
): { text: string; caret: number } {
  const before = text.slice(0, selectionStart);
  const after = text.slice(selectionEnd);
  const lead = before === "" || /[\s(,{|]$/.test(before) ? "" : before.endsWith(",") ? " " : ", ";
  const trail = after === "" || /^\s*[),}|]/.test(after) || /^\s*$/.test(after) ? "" : /^\s/.test(after) ? "," : ", ";
  const inserted = `${lead}${insertion}${trail}`;
  return { text: before + inserted + after, caret: before.length + lead.length + insertion.length };
}
