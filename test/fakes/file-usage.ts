// How the fake providers bill attached images and PDFs: each provider's documented rule, written here on its own
// (the app's core/token-rules is deliberately not imported, so a test comparing the app's estimate with the fakes'
// usage compares two independent readings of the docs). Facts come from the bytes: image-size reads dimensions,
// and the fakes' PDFs (test/helpers/sample-files.ts) are uncompressed, so pages, text and page size are read
// straight from the file. Sources: docs/cost-accuracy.md.
import { countTokens } from 'gpt-tokenizer';
import { imageSize } from 'image-size';

export interface PdfFacts {
  pages: number;
  /** Text shown on each page. */
  pageTexts: string[];
  width: number;
  height: number;
}

export function imageDimensions(bytes: Buffer): { width: number; height: number } {
  const { width, height } = imageSize(bytes);
  return { width: width ?? 0, height: height ?? 0 };
}

export function readPdf(bytes: Buffer): PdfFacts {
  const text = bytes.toString('latin1');
  const pageObjects = text.split(/\/Type\s*\/Page(?![A-Za-z])/).length - 1;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  const streams = [...text.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!);
  const pageTexts = streams.filter((s) => s.includes(' Tj')).map((s) => [...s.matchAll(/\(([^)]*)\)\s*Tj/g)].map((m) => m[1]).join('\n'));
  return { pages: pageObjects, pageTexts, width: Number(box?.[1] ?? 612), height: Number(box?.[2] ?? 792) };
}

const textTokens = (text: string) => countTokens(text, { disallowedSpecial: new Set() });

/** Anthropic: (w·h)/750 after scaling to a long edge ≤ 1568 px and ≤ ~1,600 tokens; PDF page = page image + text. */
export function anthropicImage(width: number, height: number): number {
  let w = width;
  let h = height;
  if (Math.max(w, h) > 1568) {
    const k = 1568 / Math.max(w, h);
    w = Math.floor(w * k);
    h = Math.floor(h * k);
  }
  if ((w * h) / 750 > 1600) {
    const k = Math.sqrt((1600 * 750) / (w * h));
    w = Math.floor(w * k);
    h = Math.floor(h * k);
  }
  return Math.ceil((w * h) / 750);
}

export function anthropicPdf(pdf: PdfFacts): number {
  const long = Math.max(pdf.width, pdf.height);
  const page = anthropicImage((pdf.width * 1568) / long, (pdf.height * 1568) / long);
  return pdf.pages * page + pdf.pageTexts.reduce((sum, t) => sum + textTokens(t), 0);
}

/** Gemini 2.x: 258 per image (both sides ≤ 384) or per 768 px tile, 258 per PDF page; Gemini 3+: 1,120 / 560. */
export function geminiImage(model: string, width: number, height: number): number {
  if (!/gemini-2[.-]/.test(model)) return 1120;
  if (width <= 384 && height <= 384) return 258;
  return 258 * Math.ceil(width / 768) * Math.ceil(height / 768);
}

export function geminiPdf(model: string, pdf: PdfFacts): number {
  return pdf.pages * (/gemini-2[.-]/.test(model) ? 258 : 560);
}

/** OpenAI: 512 px tiles (gpt-4o family 85 + 170 a tile, gpt-4o-mini 2,833 + 5,667) or 32 px patches × multiplier. */
export function openaiImage(model: string, width: number, height: number): number {
  const patches = /^gpt-(4\.1|5)-mini/.test(model) ? 1.62 : /^gpt-(4\.1|5)-nano/.test(model) ? 2.46 : /^o4-mini/.test(model) ? 1.72 : 0;
  if (patches > 0) {
    let w = width;
    let h = height;
    let n = Math.ceil(w / 32) * Math.ceil(h / 32);
    while (n > 1536) {
      w *= 0.98;
      h *= 0.98;
      n = Math.ceil(w / 32) * Math.ceil(h / 32);
    }
    return Math.ceil(n * patches);
  }
  const [base, tile] = model.startsWith('gpt-4o-mini') ? [2833, 5667] : [85, 170];
  let w = width;
  let h = height;
  if (Math.max(w, h) > 2048) [w, h] = [(w * 2048) / Math.max(w, h), (h * 2048) / Math.max(w, h)];
  if (Math.min(w, h) > 768) [w, h] = [(w * 768) / Math.min(w, h), (h * 768) / Math.min(w, h)];
  return base + tile * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/** OpenAI PDFs: the extracted text plus an image of each page (rendered at 2× the page size in points). */
export function openaiPdf(model: string, pdf: PdfFacts): number {
  return pdf.pages * openaiImage(model, pdf.width * 2, pdf.height * 2) + pdf.pageTexts.reduce((sum, t) => sum + textTokens(t), 0);
}

/** Bytes of a base64 payload or a data URL. */
export function decodeBase64(data: string): Buffer {
  const comma = data.startsWith('data:') ? data.indexOf(',') : -1;
  return Buffer.from(comma >= 0 ? data.slice(comma + 1) : data, 'base64');
}
