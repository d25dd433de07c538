// OpenAI's documented input rules for images and PDFs, by model family.
//
// Images (https://developers.openai.com/api/docs/guides/images-vision, "Calculating costs", checked 2026-12-01):
// - tile models (gpt-4o, gpt-4.1, and, as documented nowhere we could read, the newer gpt-5.x/gpt-6 families, which
//   get the same rule): detail low = the base tokens; high = fit in 2048×2048, shortest side down to 768, then base
//   + tile tokens per 512 px square (gpt-4o: 85 + 170 per tile; 1024×1024 → 765);
// - gpt-4o-mini: the same tiles at 2,833 + 5,667 per tile (same dollar price per image as gpt-4o);
// - patch models (gpt-4.1-mini ×1.62, gpt-4.1-nano ×2.46, o4-mini ×1.72; gpt-5-mini/nano are patch-based per
//   openai/openai-python#2851 and take the 4.1-mini/nano multipliers): 32 px patches, at most 1,536 (scaled down to
//   fit), times the model's multiplier.
// PDFs (https://developers.openai.com/api/docs/guides/file-inputs, checked 2026-12-01): the extracted text and an
// image of each page are both put into the model's context.
import { CHARS_PER_TOKEN } from '../tokens.ts';

export type OpenAIImageDetail = 'low' | 'high' | 'auto';

type Family = { kind: 'tiles'; base: number; tile: number } | { kind: 'patches'; multiplier: number };

const TILES_4O: Family = { kind: 'tiles', base: 85, tile: 170 };
const TILES_4O_MINI: Family = { kind: 'tiles', base: 2_833, tile: 5_667 };
const PATCH_LIMIT = 1_536;
const PATCH_PX = 32;

export function openaiImageFamily(model: string): Family {
  const name = model.replace(/^openai\//, '');
  if (name.startsWith('gpt-4o-mini')) return TILES_4O_MINI;
  if (/^gpt-(4\.1|5)-mini/.test(name)) return { kind: 'patches', multiplier: 1.62 };
  if (/^gpt-(4\.1|5)-nano/.test(name)) return { kind: 'patches', multiplier: 2.46 };
  if (name.startsWith('o4-mini')) return { kind: 'patches', multiplier: 1.72 };
  return TILES_4O;
}

function tileCount(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(w, h);
  if (shortest > 768) {
    w *= 768 / shortest;
    h *= 768 / shortest;
  }
  return Math.ceil(w / 512) * Math.ceil(h / 512);
}

function patchCount(width: number, height: number): number {
  const raw = Math.ceil(width / PATCH_PX) * Math.ceil(height / PATCH_PX);
  if (raw <= PATCH_LIMIT) return raw;
  // Scale down (aspect kept) until the patches fit, as the docs describe.
  let scale = Math.sqrt((PATCH_PX * PATCH_PX * PATCH_LIMIT) / (width * height));
  const fits = (s: number) => Math.ceil((width * s) / PATCH_PX) * Math.ceil((height * s) / PATCH_PX) <= PATCH_LIMIT;
  while (!fits(scale)) scale *= 0.99;
  return Math.ceil((width * scale) / PATCH_PX) * Math.ceil((height * scale) / PATCH_PX);
}

export function openaiImageTokens(width: number, height: number, model: string, detail: OpenAIImageDetail = 'auto'): number {
  const family = openaiImageFamily(model);
  if (family.kind === 'patches') return Math.ceil(patchCount(width, height) * family.multiplier);
  if (detail === 'low') return family.base;
  // `auto` is estimated as high: the larger of the two, so the estimate does not fall short.
  return family.base + family.tile * tileCount(width, height);
}

/** A PDF: its extracted text plus one page image per page (the page rendered at 144 dpi, then the image rule). */
export function openaiPdfTokens(pages: number, textChars: number, pageWidthPt: number, pageHeightPt: number, model: string): number {
  const pageImage = openaiImageTokens(pageWidthPt * 2, pageHeightPt * 2, model, 'high');
  return pages * pageImage + Math.ceil(textChars / CHARS_PER_TOKEN);
}
