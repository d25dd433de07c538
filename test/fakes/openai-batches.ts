// The lifecycle of one batch in the OpenAI fake: input validation like the real service (with line numbers),
// the phase on the fake clock (validating → in_progress → finalizing → completed, or expired / cancelled /
// failed per scenario), the output and error file lines, and the Batch object as the API returns it.
import { isRec, requestTexts, successBody, type InputLine, type Rec } from './openai-answers.ts';
import type { FakeScenario } from './types.ts';

export interface BatchError {
  code: string;
  message: string;
  line: number | null;
  param: null;
}

export interface FakeBatch {
  id: string;
  endpoint: string;
  input_file_id: string;
  metadata: Rec | null;
  createdAt: number;
  lines: InputLine[];
  /** Input tokens of its lines (counted only when the scenario has an enqueued-token limit). */
  tokens: number;
  errors: BatchError[];
  cancel?: { at: number; finished: number };
  output_file_id: string | null;
  error_file_id: string | null;
  sealed: boolean;
}

export interface Phase {
  status: string;
  /** The first `finished` input lines have their result. */
  finished: number;
  at: Record<string, number>;
}

export const TERMINAL = ['completed', 'expired', 'cancelled', 'failed'];
const secs = (ms: number): number => Math.floor(ms / 1000);

export function validateInput(
  text: string,
  endpoint: string,
  scenario: FakeScenario,
): { lines: InputLine[]; errors: BatchError[] } {
  const lines: InputLine[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  const fail = (line: number, code: string, message: string): void =>
    void errors.push({ code, message, line, param: null });
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      return fail(i + 1, 'invalid_json_line', 'This line is not parseable as valid JSON.');
    }
    if (!isRec(v) || typeof v.custom_id !== 'string')
      return fail(i + 1, 'missing_required_parameter', 'Missing custom_id.');
    if (seen.has(v.custom_id))
      return fail(i + 1, 'duplicate_custom_id', `The custom_id ${v.custom_id} is duplicated.`);
    seen.add(v.custom_id);
    if (v.method !== 'POST') return fail(i + 1, 'invalid_method', 'Only POST is supported.');
    if (v.url !== endpoint)
      return fail(
        i + 1,
        'mismatched_endpoint',
        `The url ${String(v.url)} is not the batch endpoint ${endpoint}.`,
      );
    if (!isRec(v.body) || typeof v.body.model !== 'string')
      return fail(i + 1, 'missing_required_parameter', 'Missing body.model.');
    if (lines[0] && lines[0].body.model !== v.body.model)
      return fail(i + 1, 'mismatched_model', 'Every request must use the same model.');
    lines.push({ custom_id: v.custom_id, url: v.url, body: v.body });
  });
  if (lines.length === 0 && errors.length === 0) fail(1, 'empty_file', 'The input file is empty.');
  if (lines.length > 50_000) fail(50_001, 'too_many_requests', 'A batch holds at most 50,000 requests.');
  if (scenario.outcome === 'fail_validation')
    fail(1, 'invalid_request', 'Fake validation failure (scenario fail_validation).');
  return { lines, errors };
}

export function willFail(line: InputLine, scenario: FakeScenario): boolean {
  return scenario.outcome === 'fail_all' || requestTexts(line).all.some((t) => t.includes('[[fail]]'));
}

export function phaseOf(b: FakeBatch, s: FakeScenario, now: number): Phase {
  const n = b.lines.length;
  const inProgress = b.createdAt + s.validatingMs;
  const finalizing = inProgress + s.inProgressMs;
  const done = finalizing + s.finalizingMs;
  if (b.cancel) {
    const cancelled = b.cancel.at + s.finalizingMs;
    if (now < cancelled)
      return { status: 'cancelling', finished: b.cancel.finished, at: { cancelling_at: b.cancel.at } };
    return {
      status: 'cancelled',
      finished: b.cancel.finished,
      at: { cancelling_at: b.cancel.at, cancelled_at: cancelled },
    };
  }
  if (now < inProgress) return { status: 'validating', finished: 0, at: {} };
  if (b.errors.length > 0) return { status: 'failed', finished: 0, at: { failed_at: inProgress } };
  if (now < finalizing) {
    const finished = Math.floor((n * (now - inProgress)) / s.inProgressMs);
    return { status: 'in_progress', finished, at: { in_progress_at: inProgress } };
  }
  if (s.outcome === 'expire_partial') {
    const finished = Math.floor(n * s.partialFraction);
    return { status: 'expired', finished, at: { in_progress_at: inProgress, expired_at: finalizing } };
  }
  if (now < done)
    return {
      status: 'finalizing',
      finished: n,
      at: { in_progress_at: inProgress, finalizing_at: finalizing },
    };
  return {
    status: 'completed',
    finished: n,
    at: { in_progress_at: inProgress, finalizing_at: finalizing, completed_at: done },
  };
}

/** How much of the batch is finished when cancel arrives, or null when it cannot be cancelled. */
export function finishedAtCancel(b: FakeBatch, p: Phase, s: FakeScenario): number | null {
  if (p.status === 'validating') return 0;
  if (p.status === 'in_progress') return Math.floor(b.lines.length * s.partialFraction);
  if (p.status === 'finalizing') return b.lines.length;
  return null;
}

const EXPIRED = 'This request could not be executed before the completion window expired.';
const CANCELLED = 'This request was cancelled before it was executed.';
const SERVER_ERROR = {
  message: 'The server had an error while processing your request.',
  type: 'server_error',
  param: null,
  code: null,
};
const FAKE_FAILURE = {
  message: 'Fake failure requested by [[fail]].',
  type: 'invalid_request_error',
  param: null,
  code: 'fake_failure',
};

/** The output and error file lines of a terminal batch: the finished part, then the rest as expired/cancelled. */
export function resultLines(
  b: FakeBatch,
  p: Phase,
  s: FakeScenario,
  now: number,
): { output: string[]; errors: string[] } {
  const output: string[] = [];
  const errors: string[] = [];
  b.lines.forEach((line, i) => {
    const head = { id: `batch_req_${b.id}_${i}`, custom_id: line.custom_id };
    if (i >= p.finished) {
      const error =
        p.status === 'expired'
          ? { code: 'batch_expired', message: EXPIRED }
          : { code: 'batch_cancelled', message: CANCELLED };
      errors.push(JSON.stringify({ ...head, response: null, error }));
    } else if (willFail(line, s)) {
      const status = s.outcome === 'fail_all' ? 500 : 400;
      const body = { error: status === 500 ? SERVER_ERROR : FAKE_FAILURE };
      errors.push(
        JSON.stringify({
          ...head,
          response: { status_code: status, request_id: `req_${i}`, body },
          error: null,
        }),
      );
    } else {
      const body = successBody(line, i, secs(now), s.outputTokens);
      output.push(
        JSON.stringify({
          ...head,
          response: { status_code: 200, request_id: `req_${i}`, body },
          error: null,
        }),
      );
    }
  });
  if (s.outOfOrder) {
    output.reverse();
    errors.reverse();
  }
  return { output, errors };
}

export function batchJson(b: FakeBatch, p: Phase, s: FakeScenario): Rec {
  const n = b.lines.length;
  const finished = b.lines.slice(0, p.finished);
  const failedDone = finished.filter((line) => willFail(line, s)).length;
  const unfinished = TERMINAL.includes(p.status) && p.status !== 'failed' ? n - p.finished : 0;
  const at = (key: string): number | null => (p.at[key] !== undefined ? secs(p.at[key]) : null);
  return {
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint,
    model: b.lines[0]?.body.model ?? null,
    errors: b.errors.length > 0 ? { object: 'list', data: b.errors } : null,
    input_file_id: b.input_file_id,
    completion_window: '24h',
    status: p.status,
    output_file_id: b.output_file_id,
    error_file_id: b.error_file_id,
    created_at: secs(b.createdAt),
    expires_at: secs(b.createdAt) + 24 * 3600,
    in_progress_at: at('in_progress_at'),
    finalizing_at: at('finalizing_at'),
    completed_at: at('completed_at'),
    failed_at: at('failed_at'),
    expired_at: at('expired_at'),
    cancelling_at: at('cancelling_at'),
    cancelled_at: at('cancelled_at'),
    request_counts: { total: n, completed: finished.length - failedDone, failed: failedDone + unfinished },
    metadata: b.metadata,
  };
}
