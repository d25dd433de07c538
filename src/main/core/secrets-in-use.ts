// The API keys this process holds, so that one function can take each of them out of any text by its exact value,
// whatever its shape (a gateway's 32 hex characters, an Azure key, a key no pattern would recognise). The key
// resolver (src/main/secrets/keys.ts) adds every key it reads or is given; nothing else ever sees the values.

/** Shorter values would also match ordinary words and numbers: no real API key is this short. */
const MIN_SECRET_LENGTH = 8;

/** Keys in the shapes the providers issue, for a key this process never held (e.g. echoed from a proxy's config). */
const KEY_PATTERNS: [RegExp, string][] = [
  [/\b(sk-[A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1…'],
  [/\b(AIza[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, '$1…'],
];

export class SecretsInUse {
  private readonly values = new Set<string>();
  /** Longest first, so a key that contains another is replaced whole. */
  private ordered: string[] = [];

  add(value: string | null | undefined): void {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.length < MIN_SECRET_LENGTH || this.values.has(trimmed)) return;
    this.values.add(trimmed);
    this.ordered = [...this.values].sort((a, b) => b.length - a.length);
  }

  /** `text` with every held key replaced by its first four characters and "…", and key-shaped strings shortened. */
  redact(text: string): string {
    let out = text;
    for (const value of this.ordered) if (out.includes(value)) out = out.split(value).join(`${value.slice(0, 4)}…`);
    for (const [pattern, replacement] of KEY_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}

/** The process's keys: API keys are process-wide (environment, keychain), so their redaction is too. */
export const secretsInUse = new SecretsInUse();
