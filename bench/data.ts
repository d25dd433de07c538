// Generated benchmark data: a store holding N jobs with ~1 KB prompts, and N OpenAI-format result lines.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Store } from '../src/main/store/store.ts';

export const MODEL = 'openai/gpt-4.1-mini';

export function prompt(i: number): string {
  const sentence = `Record ${i}: the survey respondent described their experience with public transport in detail. `;
  return sentence.repeat(Math.ceil(1024 / sentence.length)).slice(0, 1024);
}

/** A run of `size` jobs in one provider batch per 50,000, inserted directly (setup, not measured). */
export function seedRun(home: string, size: number, options: { results?: boolean } = {}): { runId: string; batchIds: string[] } {
  const store = Store.open(home);
  const runId = `run_bench_${size}`;
  const now = Date.now();
  const batchIds: string[] = [];
  store.tx(() => {
    store.runs.insert({ id: runId, name: 'bench', status: 'running', created_at: now, updated_at: now, finished_at: null, scheduled_at: null, deadline_at: null, cost_limit_usd: null, estimated_usd: 1, options: {}, simulated: false });
    for (let start = 0; start < size; start += 50_000) {
      const id = randomUUID();
      batchIds.push(id);
      const count = Math.min(50_000, size - start);
      store.batches.insert({ id, run_id: runId, provider: 'openai', model: MODEL, endpoint: 'chat', request_count: count, estimated_usd: 1, created_at: now, is_pilot: false });
      for (let seq = start; seq < start + count; seq++) {
        store.jobs.insert({
          run_id: runId, seq, id: `row-${seq}`, label: `row-${seq}`, model: MODEL, provider: 'openai',
          spec: { id: `row-${seq}`, label: `row-${seq}`, model: MODEL, endpoint: 'chat', params: { max_tokens: 200 }, messages: [{ role: 'user', content: prompt(seq) }] },
          status: options.results ? 'succeeded' : 'running', attempts: 1, provider_batch_id: id, estimated_input_tokens: 256, estimated_output_tokens: 200, estimated_usd: 0.0001, error: null, error_category: null, updated_at: now,
        });
      }
    }
  });
  store.close();
  return { runId, batchIds };
}

/** N OpenAI batch output lines (~1 KB each) for the given custom_id prefix. */
export async function writeOpenAIOutput(path: string, size: number, customId: (seq: number) => string): Promise<void> {
  const out = createWriteStream(path);
  for (let seq = 0; seq < size; seq++) {
    const content = `Answer ${seq}: ${'The respondent is broadly satisfied with the service but reports delays. '.repeat(9)}`;
    const line = {
      id: `batch_req_${seq}`,
      custom_id: customId(seq),
      response: {
        status_code: 200,
        request_id: `req_${seq}`,
        body: { id: `chatcmpl-${seq}`, object: 'chat.completion', created: 1_700_000_000, model: 'gpt-4.1-mini-2025-04-14', choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: 256, completion_tokens: 150, total_tokens: 406, prompt_tokens_details: { cached_tokens: 0 } } },
      },
      error: null,
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
