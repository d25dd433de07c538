// The OpenAI result parser on real result lines (../shared/conformance/examples/openai, ground truth) and on
// malformed lines: each bad line is reported with its number, nothing throws, good lines are still parsed.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedResult, ResultLine } from '../../../src/main/core/provider.ts';
import { parseOpenAIResults, parseResultLine } from '../../../src/main/providers/openai/results.ts';

const EXAMPLES = resolve(import.meta.dirname, '../../../../shared/conformance/examples/openai');

async function parseFile(path: string): Promise<ResultLine[]> {
  const out: ResultLine[] = [];
  for await (const line of parseOpenAIResults(path)) out.push(line);
  return out;
}

const pick = (r: ResultLine) =>
  r.kind === 'bad'
    ? r
    : {
        customId: r.customId,
        outcome: r.outcome,
        text: r.text,
        usage: r.usage,
        errorCategory: r.errorCategory,
      };

/** What each example file must parse to. The README marks every OpenAI file usable; the input example is not a result. */
const EXPECTED: Record<string, (lines: ResultLine[]) => void> = {
  'guide-output.jsonl': (lines) =>
    expect(lines.map(pick)).toEqual([
      {
        customId: 'request-2',
        outcome: 'succeeded',
        text: 'Hello.',
        usage: { input_tokens: 22, output_tokens: 2, cached_input_tokens: 0 },
        errorCategory: undefined,
      },
      {
        customId: 'request-1',
        outcome: 'succeeded',
        text: 'Hello! How can I assist you today?',
        usage: { input_tokens: 20, output_tokens: 9, cached_input_tokens: 0 },
        errorCategory: undefined,
      },
    ]),
  'guide-error-expired.jsonl': (lines) => {
    expect(
      lines.map((l) => [
        l.kind === 'result' && l.customId,
        l.kind === 'result' && l.outcome,
        l.kind === 'result' && l.errorCategory,
      ]),
    ).toEqual([
      ['request-3', 'expired', 'expired'],
      ['request-7', 'expired', 'expired'],
    ]);
    expect((lines[0] as ParsedResult).error).toContain('completion window expired');
  },
  'issue302-error-http400.jsonl': (lines) => {
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      kind: 'result',
      customId: 'request-5',
      outcome: 'failed',
      text: null,
      errorCategory: 'invalid_request',
    });
    expect((lines[0] as ParsedResult).error).toMatch(
      /^context_length_exceeded: This model's maximum context length/,
    );
  },
  'spec-BatchRequestOutput-example.jsonl': (lines) =>
    expect(lines.map(pick)).toEqual([
      {
        customId: 'request-2',
        outcome: 'succeeded',
        text: '2 + 2 equals 4.',
        usage: { input_tokens: 24, output_tokens: 15, cached_input_tokens: 0 },
        errorCategory: undefined,
      },
    ]),
  // An input line (BatchRequestInput), not a result: it must be reported as bad, not crash or pass as a result.
  'spec-BatchRequestInput-example.jsonl': (lines) =>
    expect(lines).toEqual([{ kind: 'bad', line: 1, problem: 'request-1: neither a response nor an error' }]),
};

describe('OpenAI results: conformance examples', () => {
  it('covers every example file', async () => {
    expect((await readdir(EXAMPLES)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const [name, check] of Object.entries(EXPECTED)) {
    it(`parses ${name}`, async () => {
      const lines = await parseFile(join(EXAMPLES, name));
      check(lines);
      for (const line of lines) if (line.kind === 'result') expect(line.raw.length).toBeGreaterThan(0);
    });
  }
});

describe('OpenAI results: other shapes', () => {
  const ok = (body: unknown) =>
    JSON.stringify({
      id: 'r',
      custom_id: 'c1',
      response: { status_code: 200, request_id: 'q', body },
      error: null,
    });

  it('reads Responses output text and cached tokens', () => {
    const body = {
      object: 'response',
      status: 'completed',
      output: [
        { type: 'reasoning', summary: [] },
        {
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: '{"a":1}', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 64 },
        output_tokens: 7,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 107,
      },
    };
    expect(parseResultLine(ok(body), 3)).toMatchObject({
      kind: 'result',
      line: 3,
      outcome: 'succeeded',
      text: '{"a":1}',
      usage: { input_tokens: 100, output_tokens: 7, cached_input_tokens: 64 },
    });
  });

  it('reads chat cached tokens, embeddings and refusals', () => {
    const chat = {
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 50, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 32 } },
    };
    expect(parseResultLine(ok(chat), 1)).toMatchObject({
      usage: { input_tokens: 50, output_tokens: 1, cached_input_tokens: 32 },
    });
    const embedding = {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, -0.2] }],
      usage: { prompt_tokens: 5, total_tokens: 5 },
    };
    expect(parseResultLine(ok(embedding), 1)).toMatchObject({
      outcome: 'succeeded',
      text: null,
      embedding: [0.1, -0.2],
      usage: { input_tokens: 5, output_tokens: 0 },
    });
    const refusal = {
      object: 'chat.completion',
      choices: [
        { message: { role: 'assistant', content: null, refusal: 'I cannot help.' }, finish_reason: 'stop' },
      ],
    };
    expect(parseResultLine(ok(refusal), 1)).toMatchObject({
      outcome: 'failed',
      errorCategory: 'content_filter',
      error: 'refused: I cannot help.',
    });
  });

  it('categorises HTTP errors by status and cancelled requests as cancelled', () => {
    const http = (status: number) =>
      JSON.stringify({
        custom_id: 'c',
        response: { status_code: status, body: { error: { message: 'm', type: 't', code: null } } },
        error: null,
      });
    expect(parseResultLine(http(429), 1)).toMatchObject({ outcome: 'failed', errorCategory: 'rate_limit' });
    expect(parseResultLine(http(500), 1)).toMatchObject({ outcome: 'failed', errorCategory: 'server' });
    const cancelled = JSON.stringify({
      custom_id: 'c',
      response: null,
      error: { code: 'batch_cancelled', message: 'cancelled' },
    });
    expect(parseResultLine(cancelled, 1)).toMatchObject({ outcome: 'cancelled', errorCategory: 'cancelled' });
  });
});

describe('OpenAI results: malformed lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bd-openai-results-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each bad line with its number and still parses the good ones', async () => {
    const good = JSON.stringify({
      id: 'r',
      custom_id: 'good',
      response: {
        status_code: 200,
        body: { object: 'chat.completion', choices: [{ message: { content: 'yes' } }] },
      },
      error: null,
    });
    const lines = [
      good,
      good.slice(0, 40), // truncated
      '', // blank: skipped, still counted
      JSON.stringify({ custom_id: 'x', something: 'else' }), // unknown shape
      JSON.stringify({ response: { status_code: 200, body: {} }, error: null }), // missing custom id
      '[1,2,3]',
      JSON.stringify({ custom_id: 'y', response: { status_code: '200', body: {} } }),
      JSON.stringify({ custom_id: 'z', response: { status_code: 200, body: { object: 'thing' } } }),
      JSON.stringify({
        custom_id: 'w',
        response: {
          status_code: 200,
          body: {
            object: 'chat.completion',
            choices: [{ message: { content: 'a' } }],
            usage: { prompt_tokens: 'ten' },
          },
        },
      }),
      JSON.stringify({
        custom_id: 'v',
        response: { status_code: 200, body: { object: 'chat.completion', choices: [] } },
      }),
      'x'.repeat(100_000),
    ];
    const path = join(dir, 'mixed.jsonl');
    await writeFile(path, lines.join('\n') + '\n');
    const parsed = await parseFile(path);
    expect(parsed[0]).toMatchObject({ kind: 'result', line: 1, customId: 'good', text: 'yes' });
    const bad = parsed.filter((l) => l.kind === 'bad');
    expect(bad.map((b) => b.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(bad.map((b) => (b as { problem: string }).problem)).toEqual([
      expect.stringMatching(/^invalid JSON/),
      'x: neither a response nor an error',
      'missing custom_id',
      'not a JSON object',
      'y: response.status_code is not a number',
      'z: unknown response body (object: "thing")',
      'w: usage holds a token count that is not a number',
      'v: chat.completion without choices[0].message',
      expect.stringMatching(/^invalid JSON/),
    ]);
  });
});
