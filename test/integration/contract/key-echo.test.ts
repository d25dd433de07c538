// Issue 13 acceptance: a key shaped like no provider's (32 hex characters, as gateways and proxies issue them),
// echoed back by a provider in its error messages, appears in no stored row, file, log, event or CLI output. The
// OpenAI fake answers 401 quoting the key (the run is blocked with that message); the Anthropic fake refuses the
// batch with 400 quoting it (the batch and its jobs fail with that message, and a warning says so).
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

async function filesHolding(dir: string, needles: string[]): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const hits: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const bytes = await readFile(join(entry.parentPath, entry.name));
    if (needles.some((needle) => bytes.includes(needle))) hits.push(join(entry.parentPath, entry.name));
  }
  return hits;
}

describe('a key echoed back by a provider', () => {
  let dir: ReturnType<typeof tempDir>;
  let fakes: Fakes;
  const keys = { openai: randomBytes(16).toString('hex'), anthropic: randomBytes(16).toString('hex') };
  beforeEach(async () => {
    dir = tempDir('batchdesk-echo-');
    writeFileSync(join(dir.path, 'rows.csv'), 'id,text\nr0,a note\nr1,another note\n');
    fakes = await startFakes({}, { ...keys, gemini: 'unused-gemini-key' });
  });
  afterEach(async () => {
    await fakes.close();
    dir.cleanup();
  });

  it('is redacted by its exact value everywhere', { timeout: 90_000 }, async () => {
    expect(keys.openai).toMatch(/^[0-9a-f]{32}$/);
    const home = join(dir.path, 'home');
    const env = cleanEnv({ BATCHDESK_HOME: home, ...fakes.env });
    fakes.openai.http.inject({ method: 'POST', path: /^\/v1\/files$/, times: 1e6, fault: { kind: 'status', status: 401, body: { error: { message: `Incorrect API key provided: ${keys.openai}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } } });
    fakes.anthropic.http.inject({ method: 'POST', path: /^\/v1\/messages\/batches$/, times: 1e6, fault: { kind: 'status', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: `key ${keys.anthropic} may not use this model` } } } });

    const outputs: string[] = [];
    const cli = async (args: string[]) => {
      const result = await runCli(args, env, { cwd: dir.path });
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    const template = ['--dataset', 'rows.csv', '--template', 'Summarise {{text}}'];
    const blocked = await cli(['run', '--model', 'openai/gpt-4.1-mini', ...template]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/key rejected by openai \(401\): .*Incorrect API key provided: [0-9a-f]{4}…/);
    const refused = await cli(['run', '--model', 'anthropic/claude-haiku-4-5', ...template]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was submitted: the provider refused the batch: .*key [0-9a-f]{4}… may not use this model/);

    const runs = JSON.parse((await cli(['list', '--json'])).stdout).data as { run_id: string }[];
    expect(runs).toHaveLength(2);
    await Promise.all([cli(['list']), ...runs.flatMap(({ run_id }) => [cli(['status', run_id]), cli(['status', run_id, '--json']), cli(['results', run_id, '--format', 'jsonl', '--raw'])])]);
    const everything = outputs.join('\n');
    expect(everything).toContain('Incorrect API key provided');
    expect(everything).toContain('may not use this model');
    for (const key of Object.values(keys)) expect(everything).not.toContain(key);
    // The fakes really echoed the keys (their replies carried them), and the providers received them as keys only.
    expect(fakes.openai.http.log.some((r) => r.headers.authorization === `Bearer ${keys.openai}`)).toBe(true);
    expect(await filesHolding(home, Object.values(keys))).toEqual([]);
  });
});
