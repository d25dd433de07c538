// Issue 12 acceptance: one bad-input corpus through the CLI (demo and each provider), the library and the gateway
// (the UI's side is test/e2e/bad-input.test.ts): every face refuses every file with the same reason, nothing
// reaches a fake provider and nothing is stored.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batch } from '../../../src/main/api/index.ts';
import { InputError } from '../../../src/main/api/index.ts';
import { Store } from '../../../src/main/store/store.ts';
import { badInputs, longText, writeInputs, type BadInput } from '../../helpers/bad-inputs.ts';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { chatLine, startGateway, type Gateway } from '../gateway/harness.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

const corpus = badInputs();
const MODELS = ['demo/echo', 'openai/gpt-4.1-mini', 'anthropic/claude-haiku-4-5', 'gemini/gemini-3.8-flash'];

let dir: ReturnType<typeof tempDir>;
let paths: string[];
let fakes: Fakes;

function requestsSeen(f: Fakes): number {
  return f.openai.http.log.length + f.anthropic.http.log.length + f.gemini.http.log.length;
}

function runsStored(home: string): number {
  const store = Store.open(home);
  try {
    return store.runs.list(10).length;
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  dir = tempDir('bd-faces-');
  paths = writeInputs(dir.path, [...corpus, longText()]);
  fakes = await startFakes();
});
afterAll(async () => {
  await fakes.close();
  dir.cleanup();
});

describe('batchdesk run', () => {
  it.each(MODELS)('%s: exit 2 naming every bad file and its reason; nothing sent or stored', async (model) => {
    const home = join(dir.path, `cli-${model.replace('/', '-')}`);
    const result = await runCli(['run', '--model', model, '--prompt', 'Summarise', ...corpus.map((c) => c.name)], cleanEnv({ BATCHDESK_HOME: home, ...fakes.env }), { cwd: dir.path });
    expect(result.code).toBe(2);
    for (const input of corpus) expect(result.stderr).toMatch(input.reason);
    expect(requestsSeen(fakes)).toBe(0);
    expect(runsStored(home)).toBe(0);
  });

  it.each(['demo/mini', 'openai/gpt-4o-mini'])('%s: a text over the context window is refused with its size in tokens', async (model) => {
    const home = join(dir.path, `cli-long-${model.replace('/', '-')}`);
    const result = await runCli(['run', '--model', model, '--prompt', 'Summarise', 'long.txt'], cleanEnv({ BATCHDESK_HOME: home, ...fakes.env }), { cwd: dir.path });
    expect(result.stderr).toMatch(longText().reason);
    expect(result.code).toBe(2);
    expect(requestsSeen(fakes)).toBe(0);
    expect(runsStored(home)).toBe(0);
  });
});

describe('library API', () => {
  it.each(corpus.map((c, i) => [c.name, c, i] as const))('%s: run() throws a typed InputError with the reason', async (_name, input, i) => {
    const home = join(dir.path, `lib-${i}`);
    const batch = new Batch({ home, env: cleanEnv() }).defaults({ model: 'demo/echo' }).addJob({ file: paths[i]!, prompt: 'Summarise' });
    const error = await batch.run().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(input.reason);
    expect(runsStored(home)).toBe(0);
  });
});

describe('gateway', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  /** The file embedded in a chat request as a named file part (base64 data URL), as OpenAI's SDK users send it. */
  function lineWith(input: BadInput): unknown {
    const line = chatLine('c1', 'gpt-4.1-mini') as { body: { messages: unknown[] } };
    const type = input.name.endsWith('.pdf') ? 'application/pdf' : input.name.endsWith('.png') ? 'image/png' : 'application/octet-stream';
    const part = { type: 'file', file: { filename: input.name, file_data: `data:${type};base64,${input.bytes.toString('base64')}` } };
    line.body.messages = [{ role: 'user', content: [{ type: 'text', text: 'Summarise' }, part] }];
    return line;
  }

  it.each(corpus.map((c) => [c.name, c] as const))('%s: batches.create answers an OpenAI-shaped 400 with the reason', async (name, input) => {
    const file = await gw.client.files.create({ file: createReadStream(await gw.file(`${name}.jsonl`, [lineWith(input)])), purpose: 'batch' });
    const error = await gw.client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(input.reason);
    expect(requestsSeen(gw.fakes)).toBe(0);
    expect(gw.host.store.runs.list(10)).toHaveLength(0);
    expect((await gw.client.batches.list()).data).toHaveLength(0);
  });
});
