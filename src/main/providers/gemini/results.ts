// Parse a Gemini batch result file, streaming. Each line is {key, response: GenerateContentResponse |
// EmbedContentResponse} or {key, error|status: google.rpc.Status}. Inline results are written by download() in
// the same shape. A line that is not one of those is reported as bad with its number; nothing throws.
import type { ParsedResult, ResultLine, ResultOutcome } from '../../core/provider.ts';
import { categorizeError } from '../../core/error-category.ts';
import { readLines } from '../../store/files.ts';
import type { Citation, ErrorCategory, Usage } from '../../../shared/domain.ts';
import type { WireStatus } from './wire.ts';

type Json = Record<string, unknown>;

const BLOCKED_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
  return Number.isFinite(n) ? n : 0;
};

function usageOf(response: Json): Usage {
  const u = isObject(response['usageMetadata']) ? response['usageMetadata'] : {};
  return {
    input_tokens: num(u['promptTokenCount']) + num(u['toolUsePromptTokenCount']),
    // Thinking tokens are billed at the output rate.
    output_tokens: num(u['candidatesTokenCount']) + num(u['thoughtsTokenCount']),
    cached_input_tokens: num(u['cachedContentTokenCount']),
  };
}

function citationsOf(candidate: Json, text: string): Citation[] {
  const meta = isObject(candidate['citationMetadata']) ? candidate['citationMetadata'] : {};
  const list = Array.isArray(meta['citations']) ? meta['citations'] : Array.isArray(meta['citationSources']) ? meta['citationSources'] : [];
  return list.filter(isObject).map((c) => {
    const start = num(c['startIndex']);
    const end = num(c['endIndex']);
    const citation: Citation = { cited_text: text.slice(start, end), location: { start_index: start, end_index: end } };
    const source = typeof c['uri'] === 'string' ? c['uri'] : typeof c['title'] === 'string' ? c['title'] : undefined;
    if (source) citation.source = source;
    return citation;
  });
}

function failure(base: Omit<ParsedResult, 'outcome' | 'error' | 'errorCategory'>, message: string, category: ErrorCategory): ParsedResult {
  const outcome: ResultOutcome = category === 'expired' ? 'expired' : category === 'cancelled' ? 'cancelled' : 'failed';
  return { ...base, outcome, text: null, error: message, errorCategory: category };
}

function fromStatus(base: Omit<ParsedResult, 'outcome' | 'error' | 'errorCategory'>, status: WireStatus): ParsedResult {
  const httpish = typeof status.code === 'number' && status.code >= 100 ? status.code : null;
  const message = status.message ?? status.status ?? 'request failed';
  const category = categorizeError({ status: httpish, code: status.status ?? null, message });
  return failure(base, status.status ? `${status.status}: ${message}` : message, category);
}

function fromResponse(base: Omit<ParsedResult, 'outcome' | 'error' | 'errorCategory'>, response: Json): ParsedResult {
  const embedding = isObject(response['embedding']) ? response['embedding'] : null;
  if (embedding && Array.isArray(embedding['values'])) {
    const values = embedding['values'].map(num);
    const usage = { input_tokens: num(response['tokenCount']), output_tokens: 0, cached_input_tokens: 0 };
    return { ...base, outcome: 'succeeded', text: null, embedding: values, usage };
  }
  const usage = usageOf(response);
  const candidates = Array.isArray(response['candidates']) ? response['candidates'].filter(isObject) : [];
  const candidate = candidates[0];
  if (!candidate) {
    const feedback = isObject(response['promptFeedback']) ? response['promptFeedback'] : {};
    const reason = typeof feedback['blockReason'] === 'string' ? feedback['blockReason'] : null;
    if (reason) return { ...failure(base, `prompt blocked: ${reason}`, 'content_filter'), usage };
    return { ...failure(base, 'the response has no candidates', 'other'), usage };
  }
  const content = isObject(candidate['content']) ? candidate['content'] : {};
  const parts = Array.isArray(content['parts']) ? content['parts'].filter(isObject) : [];
  const text = parts.filter((p) => p['thought'] !== true && typeof p['text'] === 'string').map((p) => p['text'] as string).join('');
  const finish = typeof candidate['finishReason'] === 'string' ? candidate['finishReason'] : null;
  if (text === '' && finish && BLOCKED_FINISH.has(finish)) return { ...failure(base, `response blocked: ${finish}`, 'content_filter'), usage };
  const result: ParsedResult = { ...base, outcome: 'succeeded', text, usage };
  const citations = citationsOf(candidate, text);
  if (citations.length > 0) result.citations = citations;
  return result;
}

/** Parse one line of a result file. */
export function parseGeminiResultLine(text: string, line: number): ResultLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', line, problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { kind: 'bad', line, problem: 'the line is not a JSON object' };
  const metadata = isObject(value['metadata']) ? value['metadata'] : {};
  const key = typeof value['key'] === 'string' ? value['key'] : typeof metadata['key'] === 'string' ? metadata['key'] : null;
  if (key === null || key === '') {
    const position = typeof value['index'] === 'number' ? ` (response ${value['index'] + 1}: Gemini echoed no key, and the responses do not match the requests one to one)` : '';
    return { kind: 'bad', line, problem: `the line has no key${position}` };
  }
  const base = { kind: 'result' as const, line, customId: key, text: null, usage: { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 }, raw: text };
  const status = isObject(value['error']) ? value['error'] : isObject(value['status']) ? value['status'] : null;
  if (status) return fromStatus(base, status as WireStatus);
  if (isObject(value['response'])) return fromResponse(base, value['response']);
  return { kind: 'bad', line, problem: `key ${key}: neither a response nor an error` };
}

export async function* parseGeminiResults(file: string): AsyncIterable<ResultLine> {
  try {
    for await (const { line, text } of readLines(file)) yield parseGeminiResultLine(text, line);
  } catch (error) {
    yield { kind: 'bad', line: 0, problem: `could not read ${file}: ${(error as Error).message}` };
  }
}
