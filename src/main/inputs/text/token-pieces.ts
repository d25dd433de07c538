// Text cut into the pieces a tiktoken-style tokenizer sees (its pre-tokenizer's matches), each with its length in
// characters and its exact token count, so chunks can be cut by tokens and still know their character offsets. The
// encoding is cl100k_base, the one OpenAI's text-embedding-3 models use (gpt-tokenizer's model map, 2026-12-01);
// its ~1 MB of tables load on first use only.
import type * as Cl100kModule from 'gpt-tokenizer/encoding/cl100k_base';

export interface TokenPiece {
  text: string;
  tokens: number;
}

type Cl100k = typeof Cl100kModule;
let encoding: Promise<Cl100k> | undefined;
const cl100k = (): Promise<Cl100k> => (encoding ??= import('gpt-tokenizer/encoding/cl100k_base'));

/** Special-token markers in user text are plain text here, never refused. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/** The text's pieces in order; their texts joined are the text. */
export async function tokenPieces(text: string): Promise<TokenPiece[]> {
  const { encodeGenerator, decode } = await cl100k();
  const pieces: TokenPiece[] = [];
  for (const tokens of encodeGenerator(text, AS_TEXT)) pieces.push({ text: decode(tokens), tokens: tokens.length });
  return pieces;
}

/** Tokens of a text in cl100k_base. */
export async function countCl100k(text: string): Promise<number> {
  const { countTokens } = await cl100k();
  return countTokens(text, AS_TEXT);
}
