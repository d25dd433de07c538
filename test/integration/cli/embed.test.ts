// Issue 19 through the real CLI: `batchdesk embed FILES --model demo/embed --wait`, then `results --format npy -o`
// (which writes the ids file beside the matrix) and `--format parquet`; `run --endpoint embeddings` is the same
// door; and the refusals a user can act on (Anthropic has no embeddings, a chat prompt, a chunk over the limit).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';

describe('batchdesk embed', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = tempDir();
    env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home') });
    writeFileSync(join(dir.path, 'a.txt'), 'Rivers carry sediment to the sea. '.repeat(200));
    writeFileSync(join(dir.path, 'b.txt'), 'Glaciers retreat.');
    writeFileSync(join(dir.path, 'rows.csv'), 'id,text\nx,first\ny,second\n');
  });
  afterAll(() => dir.cleanup());

  it('embeds files in chunks on the demo and exports the vectors as .npy with ids, and as Parquet', async () => {
    const run = await runCli(['embed', 'a.txt', 'b.txt', '--model', 'demo/embed', '--chunk-tokens', '500', '--chunk-overlap', '50', '--dimensions', '32', '--wait', '--json'], env, { cwd: dir.path });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const runId = (JSON.parse(run.stdout.split('\n')[0]!) as { run_id: string }).run_id;
    const npy = await runCli(['results', runId, '--format', 'npy', '-o', 'vectors.npy'], env, { cwd: dir.path });
    expect(npy.code).toBe(0);
    expect(npy.stderr).toMatch(/vectors written to vectors\.npy[\s\S]*written to vectors\.ids\.txt/);
    const ids = readFileSync(join(dir.path, 'vectors.ids.txt'), 'utf8').trim().split('\n');
    expect(ids.filter((id) => id.startsWith('a.txt#')).length).toBeGreaterThan(2);
    expect(ids.at(-1)).toBe('b.txt');
    const bytes = readFileSync(join(dir.path, 'vectors.npy'));
    expect(bytes.subarray(10, 10 + bytes.readUInt16LE(8)).toString('latin1')).toContain(`'shape': (${ids.length}, 32)`);
    const parquet = await runCli(['results', runId, '--format', 'parquet', '-o', 'all.parquet'], env, { cwd: dir.path });
    expect(parquet.code).toBe(0);
    expect(readFileSync(join(dir.path, 'all.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('runs a dataset column through run --endpoint embeddings, estimate without output tokens', async () => {
    const dry = await runCli(['run', '--endpoint', 'embeddings', '--dataset', 'rows.csv', '--embed-column', 'text', '--model', 'demo/embed', '--dry-run', '--json'], env, { cwd: dir.path });
    expect(dry.code).toBe(0);
    const estimate = JSON.parse(dry.stdout) as { jobs: number; output_tokens: number; output_tokens_max: number; input_tokens: number; batches: { endpoint: string }[] };
    expect(estimate).toMatchObject({ jobs: 2, output_tokens: 0, output_tokens_max: 0 });
    expect(estimate.input_tokens).toBeGreaterThan(0);
    expect(estimate.batches[0]!.endpoint).toBe('embeddings');
  });

  const refusals: [string, string[], RegExp][] = [
    ['Anthropic', ['embed', 'b.txt', '--model', 'anthropic/claude-haiku-4-5'], /Anthropic has no embeddings API/],
    ['a chat prompt', ['run', '--endpoint', 'embeddings', 'b.txt', '--model', 'demo/embed', '--prompt', 'Summarise'], /--prompt does not apply to embeddings/],
    ['a chunk over the input limit', ['embed', 'b.txt', '--model', 'openai/text-embedding-3-small', '--chunk-tokens', '9000'], /--chunk-tokens 9000 is above openai\/text-embedding-3-small's input limit of 8191 tokens/],
    ['too many dimensions', ['embed', 'b.txt', '--model', 'demo/embed', '--dimensions', '4096'], /between 8 and 1536 dimensions; 4096 is outside/],
    ['a missing column', ['embed', '--dataset', 'rows.csv', '--embed-column', 'body', '--model', 'demo/embed'], /no column "body" \(its columns: id, text\)/],
    ['a chat model', ['embed', 'b.txt', '--model', 'demo/echo'], /demo\/echo does not serve the embeddings endpoint: choose an embedding model/],
  ];
  it.each(refusals)('refuses %s with exit 2 and says what to do', async (_name, args, message) => {
    const result = await runCli([...args, '--dry-run'], env, { cwd: dir.path });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});
