// Gemini's documented input rules for images and PDFs, by model generation.
//
// Gemini 2.x (https://ai.google.dev/gemini-api/docs/tokens, checked 2026-12-01): an image with both sides ≤ 384 px
// is 258 tokens; a larger one is cropped and scaled into 768×768 tiles of 258 tokens each. A PDF page is an image of
// 258 tokens (https://ai.google.dev/gemini-api/docs/document-processing, checked 2026-12-01).
// Gemini 3 and later (https://ai.google.dev/gemini-api/docs/media-resolution, "Token counts", checked 2026-12-01):
// media_resolution sets the tokens per image or page; unspecified defaults to HIGH (1,120 tokens) for images and
// MEDIUM (560 tokens) for PDF pages. Batchdesk sends no media_resolution, so the defaults apply. The text embedded
// in a PDF is not billed apart from the page.

export const GEMINI_TILE_PX = 768;
export const GEMINI_SMALL_IMAGE_PX = 384;
export const GEMINI_TOKENS_PER_TILE = 258;
export const GEMINI3_IMAGE_TOKENS = 1_120;
export const GEMINI3_PDF_PAGE_TOKENS = 560;

export type GeminiGeneration = 'tiles' | 'media_resolution';

/** gemini-2.x models tile; gemini-3 and later (and any model we cannot place) use media_resolution defaults. */
export function geminiGeneration(model: string): GeminiGeneration {
  const major = /gemini-(\d+)/.exec(model)?.[1];
  return major !== undefined && Number(major) <= 2 ? 'tiles' : 'media_resolution';
}

export function geminiImageTokens(width: number, height: number, generation: GeminiGeneration): number {
  if (generation === 'media_resolution') return GEMINI3_IMAGE_TOKENS;
  if (width <= GEMINI_SMALL_IMAGE_PX && height <= GEMINI_SMALL_IMAGE_PX) return GEMINI_TOKENS_PER_TILE;
  return Math.ceil(width / GEMINI_TILE_PX) * Math.ceil(height / GEMINI_TILE_PX) * GEMINI_TOKENS_PER_TILE;
}

export function geminiPdfTokens(pages: number, generation: GeminiGeneration): number {
  return pages * (generation === 'media_resolution' ? GEMINI3_PDF_PAGE_TOKENS : GEMINI_TOKENS_PER_TILE);
}
