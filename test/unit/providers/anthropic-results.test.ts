// The results parser on the providers' own example lines (../shared/conformance/examples/anthropic, see its
// README) and on malformed input: bad lines are reported with their numbers, never thrown.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedResult, ResultLine } from '../../../src/main/core/provider.ts';
import { parseResultLine, parseResults, readUsage, toCitation } from '../../../src/main/providers/anthropic/results.ts';
import { mapStatus } from '../../../src/main/providers/anthropic/status.ts';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/conformance/examples/anthropic');

async function parseFile(path: string): Promise<ResultLine[]> {
  const out: ResultLine[] = [];
  for await (const line of parseResults(path)) out.push(line);
  return out;
}
const ok = (line: ResultLine): ParsedResult => {
  if (line.kind !== 'result') throw new Error(`line ${line.line} is bad: ${line.problem}`);
  return line;
};

describe('Anthropic results parser on the conformance examples', () => {
  it('covers every example file', async () => {
    expect((await readdir(EXAMPLES)).sort()).toEqual([
      'SCHEMA-DERIVED-errored-canceled-expired.jsonl',
      'apiref-results-succeeded.jsonl',
      'sdk-test-results-line.jsonl',
    ]);
  });

  it('parses the API reference succeeded lines (usage without cache fields)', async () => {
    const lines = (await parseFile(join(EXAMPLES, 'apiref-results-succeeded.jsonl'))).map(ok);
    expect(lines.map((l) => [l.line, l.customId, l.outcome])).toEqual([
      [1, 'my-second-request', 'succeeded'],
      [2, 'my-first-request', 'succeeded'],
    ]);
    expect(lines[0]!.text).toBe(
      "Hello again! It's nice to see you. How can I assist you today? Is there anything specific you'd like to chat about or any questions you have?",
    );
    expect(lines[0]!.usage).toEqual({ input_tokens: 11, output_tokens: 36, cached_input_tokens: 0 });
    expect(lines[1]!.usage).toEqual({ input_tokens: 10, output_tokens: 34, cached_input_tokens: 0 });
    expect(lines[1]!.citations).toBeUndefined();
  });

  it('parses errored, canceled and expired lines (schema-derived) with categories', async () => {
    const [errored, canceled, expired] = (await parseFile(join(EXAMPLES, 'SCHEMA-DERIVED-errored-canceled-expired.jsonl'))).map(ok);
    expect(errored).toMatchObject({ customId: 'my-third-request', outcome: 'failed', error: 'invalid_request_error: Invalid request', errorCategory: 'invalid_request', text: null });
    expect(canceled).toMatchObject({ customId: 'my-fourth-request', outcome: 'cancelled', errorCategory: 'cancelled' });
    expect(expired).toMatchObject({ customId: 'my-fifth-request', outcome: 'expired', errorCategory: 'expired' });
  });

  it('reports the SDK test line (message: null, not ground truth per the README) as bad, not a crash', async () => {
    const [line] = await parseFile(join(EXAMPLES, 'sdk-test-results-line.jsonl'));
    expect(line).toEqual({ kind: 'bad', line: 1, problem: 'custom_id req_1: succeeded result without a message' });
  });
});

describe('Anthropic results parser on malformed and edge-case lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bd-anth-results-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports bad lines with their line numbers and keeps going', async () => {
    const good = '{"custom_id":"a_1","result":{"type":"expired"}}';
    const file = join(dir, 'mixed.jsonl');
    await writeFile(file, [good, '{"custom_id":"a_2","result":{"type":"succ', '', '{"foo":1}', '{"custom_id":"a_3","result":{"type":"weird"}}', '[1,2]', '{"custom_id":"a_4"}', good].join('\n'));
    const lines = await parseFile(file);
    expect(lines.map((l) => [l.line, l.kind])).toEqual([
      [1, 'result'],
      [2, 'bad'],
      [4, 'bad'],
      [5, 'bad'],
      [6, 'bad'],
      [7, 'bad'],
      [8, 'result'],
    ]);
    const problems = lines.filter((l) => l.kind === 'bad').map((l) => (l.kind === 'bad' ? l.problem : ''));
    expect(problems[0]).toMatch(/not valid JSON/);
    expect(problems[1]).toBe('missing custom_id');
    expect(problems[2]).toMatch(/unknown result type "weird"/);
    expect(problems[3]).toBe('not a JSON object');
    expect(problems[4]).toMatch(/missing result object/);
  });

  it('turns a forced tool call into JSON text and counts cached tokens', () => {
    const line = ok(
      parseResultLine(
        JSON.stringify({
          custom_id: 'x_0',
          result: {
            type: 'succeeded',
            message: {
              content: [{ type: 'tool_use', id: 't', name: 'record_answer', input: { label: 'positive', score: 0.9 } }],
              stop_reason: 'tool_use',
              usage: { input_tokens: 100, cache_creation_input_tokens: 20, cache_read_input_tokens: 300, output_tokens: 12 },
            },
          },
        }),
        1,
      ),
    );
    expect(JSON.parse(line.text!)).toEqual({ label: 'positive', score: 0.9 });
    expect(line.usage).toEqual({ input_tokens: 420, output_tokens: 12, cached_input_tokens: 300, cache_write_input_tokens: 20 });
  });

  it('joins text blocks, skips thinking, and keeps citations with their locations', () => {
    const citation = { type: 'page_location', cited_text: 'quoted', document_index: 0, document_title: 'paper.pdf', start_page_number: 2, end_page_number: 3, file_id: null };
    const line = ok(
      parseResultLine(
        JSON.stringify({
          custom_id: 'x_1',
          result: { type: 'succeeded', message: { content: [{ type: 'thinking', thinking: 'hmm' }, { type: 'text', text: 'A ', citations: null }, { type: 'text', text: 'B', citations: [citation] }], usage: { input_tokens: 1, output_tokens: 2 } } },
        }),
        1,
      ),
    );
    expect(line.text).toBe('A B');
    expect(line.citations).toEqual([
      { cited_text: 'quoted', source: 'paper.pdf', location: { type: 'page_location', document_index: 0, document_title: 'paper.pdf', start_page_number: 2, end_page_number: 3 } },
    ]);
  });

  it('treats a refusal as a failed, content-filtered answer', () => {
    const line = ok(parseResultLine('{"custom_id":"x_2","result":{"type":"succeeded","message":{"content":[],"stop_reason":"refusal","usage":{"input_tokens":5,"output_tokens":0}}}}', 1));
    expect(line).toMatchObject({ outcome: 'failed', errorCategory: 'content_filter' });
  });

  it('maps error types to categories', () => {
    const category = (type: string) => ok(parseResultLine(JSON.stringify({ custom_id: 'e', result: { type: 'errored', error: { type: 'error', error: { type, message: 'm' } } } }), 1)).errorCategory;
    expect(category('overloaded_error')).toBe('rate_limit');
    expect(category('rate_limit_error')).toBe('rate_limit');
    expect(category('api_error')).toBe('server');
    expect(category('authentication_error')).toBe('authentication');
    expect(category('invalid_request_error')).toBe('invalid_request');
  });

  it('reads usage defensively and names a citation source by document index when untitled', () => {
    expect(readUsage(null)).toEqual({ input_tokens: 0, output_tokens: 0, cached_input_tokens: 0 });
    expect(toCitation({ type: 'char_location', cited_text: 'q', document_index: 1, document_title: null, start_char_index: 0, end_char_index: 1 }).source).toBe('document 1');
  });

  it('maps processing_status and request_counts to one status', () => {
    const counts = { processing: 0, succeeded: 1, errored: 0, canceled: 0, expired: 0 };
    expect(mapStatus({ processing_status: 'in_progress', request_counts: counts, cancel_initiated_at: null })).toBe('in_progress');
    expect(mapStatus({ processing_status: 'canceling', request_counts: counts, cancel_initiated_at: 'x' })).toBe('cancelling');
    expect(mapStatus({ processing_status: 'ended', request_counts: counts, cancel_initiated_at: null })).toBe('completed');
    expect(mapStatus({ processing_status: 'ended', request_counts: { ...counts, errored: 3 }, cancel_initiated_at: null })).toBe('completed');
    expect(mapStatus({ processing_status: 'ended', request_counts: { ...counts, expired: 1 }, cancel_initiated_at: null })).toBe('expired');
    expect(mapStatus({ processing_status: 'ended', request_counts: { ...counts, canceled: 1 }, cancel_initiated_at: null })).toBe('cancelled');
    expect(mapStatus({ processing_status: 'ended', request_counts: counts, cancel_initiated_at: '2026-01-01T00:00:00Z' })).toBe('cancelled');
  });
});
