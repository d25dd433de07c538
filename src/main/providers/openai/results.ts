// One OpenAI batch output or error file → ResultLines, streaming. Lines are
// {id, custom_id, response: {status_code, request_id, body} | null, error: {code, message} | null}.
// Errors come in two shapes: an HTTP error inside response.body.error (top-level error null), and a
// non-HTTP error such as batch_expired in the top-level error (response null). A line that cannot be
// understood becomes {kind: 'bad'} with its line number; parsing never throws on content.
import type { ResultLine, ResultOutcome } from '../../core/provider.ts';
import { categorizeError } from '../../core/error-category.ts';
import { readLines } from '../../store/files.ts';
import { parseSuccessBody, type Rec } from './result-bodies.ts';

const ZERO_USAGE = { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 };

const isRec = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function outcomeOf(code: string | null): ResultOutcome {
  if (code !== null && /expired/i.test(code)) return 'expired';
  if (code !== null && /cancel/i.test(code)) return 'cancelled';
  return 'failed';
}

function failure(line: number, raw: string, customId: string, error: Rec, status: number | null): ResultLine {
  const code = str(error.code) ?? str(error.type);
  const message = str(error.message) ?? code ?? (status !== null ? `HTTP ${status}` : 'unknown error');
  const outcome = status === null ? outcomeOf(code) : 'failed';
  return {
    kind: 'result',
    line,
    customId,
    outcome,
    text: null,
    usage: { ...ZERO_USAGE },
    error: code !== null && !message.includes(code) ? `${code}: ${message}` : message,
    errorCategory: categorizeError({ status, code, message }),
    raw,
  };
}

/** Parse one line of an output or error file (1-based `line`). */
export function parseResultLine(raw: string, line: number): ResultLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { kind: 'bad', line, problem: `invalid JSON: ${(error as Error).message}` };
  }
  if (!isRec(value)) return { kind: 'bad', line, problem: 'not a JSON object' };
  const customId = str(value.custom_id);
  if (customId === null) return { kind: 'bad', line, problem: 'missing custom_id' };
  const { response, error } = value;
  if (isRec(response)) {
    const status = response.status_code;
    if (typeof status !== 'number')
      return { kind: 'bad', line, problem: `${customId}: response.status_code is not a number` };
    const body = response.body;
    if (status < 200 || status >= 300) {
      const bodyError = isRec(body) && isRec(body.error) ? body.error : isRec(error) ? error : {};
      return failure(line, raw, customId, bodyError, status);
    }
    if (!isRec(body)) return { kind: 'bad', line, problem: `${customId}: response.body is not an object` };
    const parsed = parseSuccessBody(body);
    if (typeof parsed === 'string') return { kind: 'bad', line, problem: `${customId}: ${parsed}` };
    const result: ResultLine = {
      kind: 'result',
      line,
      customId,
      outcome: 'succeeded',
      text: parsed.text,
      usage: parsed.usage,
      raw,
    };
    if (parsed.embedding) result.embedding = parsed.embedding;
    if (parsed.failure) {
      result.outcome = 'failed';
      result.error = parsed.failure.message;
      result.errorCategory = parsed.failure.category;
    }
    return result;
  }
  if (response == null && isRec(error)) return failure(line, raw, customId, error, null);
  return { kind: 'bad', line, problem: `${customId}: neither a response nor an error` };
}

export async function* parseOpenAIResults(file: string): AsyncGenerator<ResultLine> {
  for await (const { line, text } of readLines(file)) yield parseResultLine(text, line);
}
