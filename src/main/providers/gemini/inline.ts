// Inline batches: below 20 MB of serialised requests the input file's lines go straight into
// batches.create as InlinedRequest[]. The SDK's InlinedRequest has no key; it has `metadata` (a string map the
// service echoes on each InlinedResponse), so the key travels as metadata.key. A response that comes back without
// it is matched to its request by order: "The responses will be in the same order as the input requests"
// (@google/genai 3.x BatchJobDestination.inlinedResponses, and https://ai.google.dev/api/batch-mode
// GenerateContentBatchOutput, checked 2026-12-01).
import { stat } from 'node:fs/promises';
import type { GenerateContentConfig, InlinedRequest } from '@google/genai';
import { readLines } from '../../store/files.ts';
import type { WireGenerateRequest, WireInlinedResponse, WireRequestLine } from './wire.ts';

/** Gemini's limit for the whole inline create request. */
export const MAX_INLINE_BATCH_BYTES = 20 * 1024 * 1024;
/** The fileId upload() returns when the batch goes inline (nothing was uploaded). */
export const INLINE_SOURCE = 'inline';
/** Headroom for the JSON envelope around the requests, and per request for its {request, metadata} wrapper. */
const ENVELOPE_BYTES = 64 * 1024;
const PER_REQUEST_BYTES = 64;

export async function fitsInline(inputPath: string, requestCount: number): Promise<boolean> {
  const { size } = await stat(inputPath);
  return size + ENVELOPE_BYTES + requestCount * PER_REQUEST_BYTES < MAX_INLINE_BATCH_BYTES;
}

/** A wire GenerateContentRequest (as in the input file) → the SDK's InlinedRequest (camelCase config). */
export function toInlinedRequest(line: WireRequestLine): InlinedRequest {
  const request = line.request as WireGenerateRequest;
  const config: GenerateContentConfig = { ...(request.generationConfig as GenerateContentConfig | undefined) };
  if (request.systemInstruction) config.systemInstruction = request.systemInstruction;
  const inlined: InlinedRequest = { contents: request.contents, metadata: { key: line.key } };
  if (Object.keys(config).length > 0) inlined.config = config;
  return inlined;
}

export async function readInlinedRequests(inputPath: string): Promise<InlinedRequest[]> {
  const requests: InlinedRequest[] = [];
  for await (const { line, text } of readLines(inputPath)) {
    let parsed: WireRequestLine;
    try {
      parsed = JSON.parse(text) as WireRequestLine;
    } catch {
      throw new Error(`input line ${line} is not JSON`);
    }
    if (typeof parsed.key !== 'string' || !parsed.request) throw new Error(`input line ${line} is not a {key, request} line`);
    requests.push(toInlinedRequest(parsed));
  }
  return requests;
}

/** The keys of the input file's requests, in order. */
export async function requestKeys(inputPath: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const { text } of readLines(inputPath)) {
    const key = (JSON.parse(text) as Partial<WireRequestLine>).key;
    keys.push(typeof key === 'string' ? key : '');
  }
  return keys;
}

/**
 * Inline responses → result lines in the file format ({key, response} / {key, error}). A response without an
 * echoed key takes the key of the request at its position, when `keys` (the requests' keys, in order) has exactly
 * one per response; otherwise it keeps only its position and is reported as unmatched.
 */
export function inlineResultLines(responses: WireInlinedResponse[], keys: readonly string[] | null): string[] {
  const byOrder = keys !== null && keys.length === responses.length;
  return responses.map((item, index) => {
    const key = item.metadata?.['key'] || (byOrder ? keys[index] : undefined);
    const line: Record<string, unknown> = key ? { key } : { index };
    if (item.error) line['error'] = item.error;
    else line['response'] = item.response ?? null;
    if (item.metadata) line['metadata'] = item.metadata;
    return JSON.stringify(line);
  });
}
