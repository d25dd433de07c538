// Anthropic's documented input rules for images and PDFs. Pure arithmetic on the facts the input check records.
//
// Images (https://platform.claude.com/docs/en/build-with-claude/vision, checked 2026-12-01): tokens ≈ (w·h)/750;
// an image whose long edge is over 1568 px, or that would be over ~1,600 tokens, is first scaled down (aspect kept)
// until it fits both limits.
// PDFs (https://platform.claude.com/docs/en/build-with-claude/pdf-support, checked 2026-12-01): each page is
// converted into an image and its text extracted; both are given to the model, so a page costs its page image plus
// its text (a 3-page text PDF ≈ 7,000 tokens on the docs' own example).
import { CHARS_PER_TOKEN } from '../tokens.ts';

export const ANTHROPIC_PIXELS_PER_TOKEN = 750;
export const ANTHROPIC_MAX_LONG_EDGE_PX = 1568;
export const ANTHROPIC_MAX_IMAGE_TOKENS = 1_600;

/** The size Claude sees an image at, after its resize. */
export function anthropicResize(width: number, height: number): { width: number; height: number } {
  const edge = ANTHROPIC_MAX_LONG_EDGE_PX / Math.max(width, height);
  const area = Math.sqrt((ANTHROPIC_MAX_IMAGE_TOKENS * ANTHROPIC_PIXELS_PER_TOKEN) / (width * height));
  const scale = Math.min(1, edge, area);
  return { width: Math.floor(width * scale), height: Math.floor(height * scale) };
}

export function anthropicImageTokens(width: number, height: number): number {
  const seen = anthropicResize(width, height);
  return Math.ceil((seen.width * seen.height) / ANTHROPIC_PIXELS_PER_TOKEN);
}

/**
 * A PDF: per page, the page image (the page rendered with its long edge at the 1568 px limit, so the image rule
 * above applies) plus the page's extracted text.
 */
export function anthropicPdfTokens(pages: number, textChars: number, pageWidthPt: number, pageHeightPt: number): number {
  const scale = ANTHROPIC_MAX_LONG_EDGE_PX / Math.max(pageWidthPt, pageHeightPt);
  const pageImage = anthropicImageTokens(pageWidthPt * scale, pageHeightPt * scale);
  return pages * pageImage + Math.ceil(textChars / CHARS_PER_TOKEN);
}
