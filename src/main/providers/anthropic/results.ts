// One downloaded results file (JSONL of {custom_id, result: {type: succeeded|errored|canceled|expired}}),
// parsed streaming into ResultLines. Lines may come in any order. A line that cannot be understood becomes a
// {kind: 'bad'} entry with its line number; nothing here throws on file content.
import type { Citation, Usage } from '../../../shared/domain.ts';
import { categorizeError } from '../../core/error-category.ts';
import type { ParsedResult, ResultLine } from '../../core/provider.ts';
import { readLines } from '../../store/files.ts';
import { STRUCTURED_TOOL_NAME } from './structured.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const NO_USAGE: Usage = { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 };

export async function* parseResults(file: string): AsyncGenerator<ResultLine> {
  for await (const { line, text } of readLines(file)) yield parseResultLine(text, line);
}

export function parseResultLine(raw: string, line: number): ResultLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { kind: 'bad', line, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { kind: 'bad', line, problem: 'not a JSON object' };
  const customId = value.custom_id;
  if (typeof customId !== 'string' || customId === '') return { kind: 'bad', line, problem: 'missing custom_id' };
  const result = value.result;
  if (!isObject(result)) return { kind: 'bad', line, problem: `custom_id ${customId}: missing result object` };
  const base = { kind: 'result' as const, line, customId, raw, text: null, usage: NO_USAGE };
  switch (result.type) {
    case 'succeeded':
      return succeeded(base, result.message, line);
    case 'errored':
      return errored(base, result.error);
    case 'canceled':
      return { ...base, outcome: 'cancelled', error: 'The request was cancelled before it was processed.', errorCategory: 'cancelled' };
    case 'expired':
      return { ...base, outcome: 'expired', error: 'The batch reached its 24-hour limit before this request was processed.', errorCategory: 'expired' };
    default:
      return { kind: 'bad', line, problem: `custom_id ${customId}: unknown result type ${JSON.stringify(result.type)}` };
  }
}

type Base = Omit<ParsedResult, 'outcome'>;

function succeeded(base: Base, message: unknown, line: number): ResultLine {
  if (!isObject(message) || !Array.isArray(message.content)) {
    return { kind: 'bad', line, problem: `custom_id ${base.customId}: succeeded result without a message` };
  }
  const usage = readUsage(message.usage);
  const blocks = message.content.filter(isObject);
  const tool = blocks.find((b) => b.type === 'tool_use' && b.name === STRUCTURED_TOOL_NAME);
  const textBlocks = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string');
  const text = tool ? JSON.stringify(tool.input ?? null) : textBlocks.map((b) => b.text as string).join('');
  const citations = textBlocks.flatMap((b) => (Array.isArray(b.citations) ? b.citations.filter(isObject).map(toCitation) : []));
  if (message.stop_reason === 'refusal') {
    return { ...base, outcome: 'failed', text: text || null, usage, error: 'The model refused to answer (stop_reason "refusal").', errorCategory: 'content_filter' };
  }
  return { ...base, outcome: 'succeeded', text, usage, ...(citations.length > 0 ? { citations } : {}) };
}

function errored(base: Base, envelope: unknown): ParsedResult {
  // The API wraps the error: {type: "error", error: {type, message}}; accept the bare {type, message} too.
  const inner = isObject(envelope) && isObject(envelope.error) ? envelope.error : isObject(envelope) ? envelope : {};
  const type = str(inner.type) ?? 'error';
  const message = str(inner.message) ?? 'The request failed without an error message.';
  return { ...base, outcome: 'failed', error: `${type}: ${message}`, errorCategory: categorizeError({ code: type, message }) };
}

/**
 * input_tokens counts every prompt token, cached or not; cached_input_tokens are the cache reads and
 * cache_write_input_tokens the cache writes (billed at 1.25× input for 5-minute writes).
 */
export function readUsage(usage: unknown): Usage {
  if (!isObject(usage)) return NO_USAGE;
  const cacheRead = num(usage.cache_read_input_tokens);
  const cacheWrite = num(usage.cache_creation_input_tokens);
  return {
    input_tokens: num(usage.input_tokens) + cacheWrite + cacheRead,
    output_tokens: num(usage.output_tokens),
    cached_input_tokens: cacheRead,
    ...(cacheWrite > 0 ? { cache_write_input_tokens: cacheWrite } : {}),
  };
}

/** A text block's citation: the quoted text and where it is (pages, characters or blocks of which document). */
export function toCitation(raw: Json): Citation {
  const { cited_text: citedText, ...location } = raw;
  for (const key of Object.keys(location)) if (location[key] === null) delete location[key];
  const source =
    str(raw.document_title) ?? str(raw.title) ?? str(raw.url) ?? str(raw.source) ??
    (typeof raw.document_index === 'number' ? `document ${raw.document_index}` : undefined);
  return { cited_text: str(citedText) ?? '', ...(source !== undefined ? { source } : {}), location };
}
