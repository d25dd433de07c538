// `batchdesk serve` as a child process, asked to estimate one huge input while runs.list is called every 20 ms: the
// latencies of those answers, and the estimate's own answer. Shared by the suite's test (load-proof bounds) and
// bench/serve-while-counting.ts (the 100 ms target on a quiet machine). A key is set against a fake OpenAI server,
// so the estimate counts with OpenAI's tokenizer (without one it would use a rule of thumb).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../fakes/fake-http.ts';
import { startOpenAIFake } from '../fakes/openai-server.ts';
import { MAX_TEXT_BYTES } from '../../src/main/inputs/inspect/limits.ts';
import { cleanEnv, startCli } from './cli.ts';

const ADMIN = 'r'.repeat(20) + 'esponsive-admin-token1';
const TEN_MB = 10 * 1024 * 1024;

export interface HugeInput {
  /** The runs.estimate input, less its models. */
  input: Record<string, unknown>;
  /** What the estimate's answer must say: the whole text was counted. */
  answer: RegExp;
}

// One repeated character (the input whose count once took 53 s for 200 KB), two ways: a dropped text file as large
// as the input check admits (4 MB, about 520,000 tokens), and a requests file with one 10 MB prompt (about 1.3M
// tokens: over gpt-5.4's 1.05M-token window, so the answer names the count).
export const HUGE_INPUTS: Record<string, (folder: string) => HugeInput> = {
  'a dropped 4 MB text file': (folder) => {
    const file = join(folder, 'one-character.txt');
    writeFileSync(file, 'a'.repeat(MAX_TEXT_BYTES));
    return { input: { files: [file], prompt: 'Summarise this file.' }, answer: /"input_tokens":5\d{5}\b/ };
  },
  'a requests file with one 10 MB prompt': (folder) => {
    const requests = join(folder, 'one-huge-line.jsonl');
    const body = { model: 'gpt-5.4', messages: [{ role: 'user', content: 'a'.repeat(TEN_MB) }], max_tokens: 16 };
    writeFileSync(requests, `${JSON.stringify({ custom_id: 'huge', method: 'POST', url: '/v1/chat/completions', body })}\n`);
    return { input: { requests }, answer: /about 1,3\d\d,\d{3} input tokens, more than openai\/gpt-5\.4's context window/ };
  },
};

async function serveOrigin(child: ReturnType<typeof startCli>): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=/.exec(output);
      if (url && /Files /.test(output)) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${url[1]}`);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

export interface ServeLatencies {
  /** Answer times (ms) of the runs.list calls sent while the estimate ran, sorted. */
  latencies: number[];
  estimate: { status: number; text: string; ms: number };
  /** A runs.list answer that was not 200, if any. */
  failed: number | null;
}

export async function latenciesWhileEstimating(folder: string, input: Record<string, unknown>): Promise<ServeLatencies> {
  const fake = await startOpenAIFake({ clock: new FakeClock() });
  const env = cleanEnv({ BATCHDESK_HOME: join(folder, 'home'), BATCHDESK_KEYCHAIN: 'off', BATCHDESK_SERVE_TOKEN: ADMIN, OPENAI_API_KEY: 'sk-test-responsive', OPENAI_BASE_URL: fake.url });
  const child = startCli(['serve', '--port', '0', '--no-open', '--allow-dir', folder], env);
  try {
    const origin = await serveOrigin(child);
    const call = (op: string, body: unknown) =>
      fetch(`${origin}/api/call/${op}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await (await call('runs.list', {})).json();
    let estimating = true;
    let failed: number | null = null;
    const started = performance.now();
    const estimate = call('runs.estimate', { ...input, models: ['openai/gpt-5.4'] }).then(async (response) => {
      estimating = false;
      return { status: response.status, text: await response.text(), ms: performance.now() - started };
    });
    const latencies: number[] = [];
    while (estimating) {
      // Every call sent while the estimate ran counts, the one answered after it too (it waited behind its end).
      const at = performance.now();
      const response = await call('runs.list', {});
      if (response.status !== 200) failed = response.status;
      await response.json();
      latencies.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { latencies: latencies.sort((a, b) => a - b), estimate: await estimate, failed };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await fake.close();
  }
}

