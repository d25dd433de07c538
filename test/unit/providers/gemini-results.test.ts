// The Gemini result parser on the real result lines in ../shared/conformance/examples/gemini/ (ground truth)
// and on malformed lines. Of the three example files, js-genai-test-getFileOkResponse.ts.txt is a batch
// Operation (not a result file): it is checked against the status mapping instead.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedResult, ResultLine } from '../../../src/main/core/provider.ts';
import { parseGeminiResultLine, parseGeminiResults } from '../../../src/main/providers/gemini/results.ts';
import { remoteFromOperation } from '../../../src/main/providers/gemini/status.ts';
import type { WireBatchOperation } from '../../../src/main/providers/gemini/wire.ts';

const EXAMPLES = fileURLToPath(new URL('../../../../shared/conformance/examples/gemini/', import.meta.url));

async function parse(file: string): Promise<ResultLine[]> {
  const lines: ResultLine[] = [];
  for await (const line of parseGeminiResults(file)) lines.push(line);
  return lines;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-results-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Gemini result files from the providers own examples', () => {
  it('parses the generateContent batch output (thinking tokens billed as output)', async () => {
    const [first, second] = (await parse(join(EXAMPLES, 'cookbook-generate-batch-output.RESERIALISED.jsonl'))) as ParsedResult[];
    expect(first).toMatchObject({
      kind: 'result',
      line: 1,
      customId: 'request_1',
      outcome: 'succeeded',
      text: 'AI learns patterns from data to make decisions or predictions.',
      usage: { input_tokens: 8, output_tokens: 11 + 829, cached_input_tokens: 0 },
    });
    expect(second!.customId).toBe('request_2');
    expect(second!.text).toMatch(/^Quantum computers use \*\*qubits\*\*/);
    expect(second!.usage).toEqual({ input_tokens: 9, output_tokens: 63 + 1180, cached_input_tokens: 0 });
  });

  it('parses the embeddings batch output', async () => {
    const lines = (await parse(join(EXAMPLES, 'cookbook-embed-batch-output.jsonl'))) as ParsedResult[];
    expect(lines.map((l) => [l.customId, l.outcome, l.embedding?.length, l.usage.input_tokens])).toEqual([
      ['request_1', 'succeeded', 3, 1],
      ['request_2', 'succeeded', 4, 1],
    ]);
    expect(lines[0]!.embedding![0]).toBeCloseTo(-0.034119852);
    expect(lines[0]!.text).toBeNull();
  });

  it('maps the finished file-based batch Operation from the js-genai test', async () => {
    const source = await readFile(join(EXAMPLES, 'js-genai-test-getFileOkResponse.ts.txt'), 'utf8');
    const literal = source.slice(source.indexOf('JSON.stringify(') + 'JSON.stringify('.length, source.lastIndexOf('}),') + 1);
    const json = literal.replace(/MLDEV_EMBEDDING_BATCH_FILE_OPERATION_NAME/g, "'batches/example'").replace(/'/g, '"').replace(/,(\s*[}\]])/g, '$1');
    const remote = remoteFromOperation(JSON.parse(json) as WireBatchOperation);
    expect(remote).toMatchObject({
      remoteId: 'batches/example',
      status: 'completed',
      counts: { total: 3, succeeded: 3, failed: 0, processing: 0 },
      handle: { responsesFile: 'files/batch-output-file' },
      createdAt: Date.parse('2025-08-30T00:46:33.378Z'),
    });
  });
});

describe('Gemini result lines: errors and malformed input', () => {
  it('reads a status line as a failed result with a category', () => {
    const line = parseGeminiResultLine(JSON.stringify({ key: 'k1', error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } }), 3);
    expect(line).toMatchObject({ kind: 'result', line: 3, customId: 'k1', outcome: 'failed', errorCategory: 'rate_limit', text: null });
    const grpc = parseGeminiResultLine(JSON.stringify({ key: 'k2', status: { code: 3, message: 'bad schema', status: 'INVALID_ARGUMENT' } }), 4);
    expect(grpc).toMatchObject({ outcome: 'failed', errorCategory: 'invalid_request', error: 'INVALID_ARGUMENT: bad schema' });
  });

  it('reads a blocked prompt and a safety stop as content_filter failures', () => {
    const blocked = parseGeminiResultLine(JSON.stringify({ key: 'b', response: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5 } } }), 1);
    expect(blocked).toMatchObject({ outcome: 'failed', errorCategory: 'content_filter', usage: { input_tokens: 5 } });
    const stopped = parseGeminiResultLine(JSON.stringify({ key: 's', response: { candidates: [{ finishReason: 'SAFETY', content: { parts: [] } }] } }), 2);
    expect(stopped).toMatchObject({ outcome: 'failed', errorCategory: 'content_filter' });
  });

  it('keeps cached tokens, skips thought parts and maps citations to quoted text', () => {
    const text = 'The sky is blue because of Rayleigh scattering.';
    const line = parseGeminiResultLine(
      JSON.stringify({
        key: 'c',
        response: {
          candidates: [{ content: { parts: [{ text: 'thinking…', thought: true }, { text }] }, citationMetadata: { citations: [{ startIndex: 27, endIndex: 46, uri: 'https://example.org/rayleigh' }] } }],
          usageMetadata: { promptTokenCount: 100, cachedContentTokenCount: 60, candidatesTokenCount: 10 },
        },
      }),
      1,
    ) as ParsedResult;
    expect(line.text).toBe(text);
    expect(line.usage).toEqual({ input_tokens: 100, output_tokens: 10, cached_input_tokens: 60 });
    expect(line.citations).toEqual([{ cited_text: 'Rayleigh scattering', source: 'https://example.org/rayleigh', location: { start_index: 27, end_index: 46 } }]);
  });

  it('takes the key from echoed inline metadata', () => {
    const line = parseGeminiResultLine(JSON.stringify({ metadata: { key: 'm1' }, response: { candidates: [{ content: { parts: [{ text: 'ok' }] } }] } }), 1);
    expect(line).toMatchObject({ kind: 'result', customId: 'm1', text: 'ok' });
  });

  it('reports truncated, unknown and keyless lines as bad, with their line numbers, without throwing', async () => {
    const file = join(dir, 'broken.jsonl');
    const good = JSON.stringify({ key: 'ok', response: { candidates: [{ content: { parts: [{ text: 'fine' }] } }] } });
    await writeFile(
      file,
      [
        good,
        good.slice(0, 30),
        JSON.stringify({ key: 'weird', something: 1 }),
        '',
        JSON.stringify({ response: { candidates: [] } }),
        '[1,2,3]',
        '\u0000\u0001 not json',
        JSON.stringify({ index: 7, response: { candidates: [] } }),
        good,
      ].join('\n'),
    );
    const lines = await parse(file);
    expect(lines.map((l) => [l.kind, l.line])).toEqual([
      ['result', 1],
      ['bad', 2],
      ['bad', 3],
      ['bad', 5],
      ['bad', 6],
      ['bad', 7],
      ['bad', 8],
      ['result', 9],
    ]);
    expect(lines[2]).toMatchObject({ problem: expect.stringContaining('weird') });
    expect(lines[3]).toMatchObject({ problem: 'the line has no key' });
  });

  it('reports a missing file as one bad line', async () => {
    expect(await parse(join(dir, 'nope.jsonl'))).toEqual([{ kind: 'bad', line: 0, problem: expect.stringContaining('could not read') }]);
  });
});
