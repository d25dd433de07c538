// Stateful fake of OpenAI's Files + Batch API on 127.0.0.1, speaking the real wire format so the real `openai`
// SDK works against it by baseURL (`url` ends in /v1, like OPENAI_BASE_URL). It keeps files and batches,
// checks the auth header, records request bodies, advances batches on the fake clock (see openai-batches.ts)
// and serves their output and error files (see openai-answers.ts). Faults come through `http.inject`.
import { FakeClock, FakeHttpServer, type FakeReply, type FakeRequest, type Handler } from './fake-http.ts';
import { inputTokensOf, isRec, type Rec } from './openai-answers.ts';
import {
  batchJson,
  finishedAtCancel,
  phaseOf,
  resultLines,
  TERMINAL,
  validateInput,
  type BatchError,
  type FakeBatch,
} from './openai-batches.ts';
import { DEFAULT_SCENARIO, type FakeProviderServer, type FakeScenario } from './types.ts';

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Buffer;
  created_at: number;
  expires_at?: number;
}

const ENDPOINTS = ['/v1/chat/completions', '/v1/responses', '/v1/embeddings'];
const RESULT_RETENTION_S = 30 * 24 * 3600;
const secs = (ms: number): number => Math.floor(ms / 1000);
const fail = (status: number, message: string, code: string | null = null): FakeReply => ({
  status,
  json: { error: { message, type: 'invalid_request_error', param: null, code } },
});

function fileJson(f: StoredFile): Rec {
  const { id, filename, purpose, created_at } = f;
  const expires_at = f.expires_at ?? null;
  return {
    id,
    object: 'file',
    bytes: f.bytes.length,
    created_at,
    expires_at,
    filename,
    purpose,
    status: 'processed',
    status_details: null,
  };
}

/** A cursor page as OpenAI lists return it (`after` = the last id seen). */
function page(items: Rec[], query: URLSearchParams, defaultLimit: number): Rec {
  const after = query.get('after');
  const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
  const data = items.slice(start, start + Number(query.get('limit') ?? defaultLimit));
  const has_more = start + data.length < items.length;
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more };
}

export interface OpenAIFakeServer extends FakeProviderServer {
  /** Batches failed for the enqueued-token limit (scenario.enqueuedTokenLimit). */
  queueRejections(): number;
  /** The most input tokens ever enqueued for one model at once. */
  peakEnqueuedTokens(): number;
}

export async function startOpenAIFake(
  opts: { clock?: FakeClock; scenario?: Partial<FakeScenario> } = {},
): Promise<OpenAIFakeServer> {
  const clock = opts.clock ?? new FakeClock();
  const http = new FakeHttpServer(clock);
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, FakeBatch>();
  const bodies: string[] = [];
  let created = 0;
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}${(++counter).toString().padStart(6, '0')}`;
  const fake = { http, clock, url: '', scenario: { ...DEFAULT_SCENARIO, ...opts.scenario } };

  const addFile = (filename: string, purpose: string, bytes: Buffer, expires_at?: number): StoredFile => {
    const file: StoredFile = { id: nextId('file-'), filename, purpose, bytes, created_at: secs(clock.now()) };
    if (expires_at !== undefined) file.expires_at = expires_at;
    files.set(file.id, file);
    return file;
  };

  /** The batch as of now; at its first terminal read its output and error files are written. */
  const view = (b: FakeBatch): Rec => {
    const p = phaseOf(b, fake.scenario, clock.now());
    if (!b.sealed && ['completed', 'expired', 'cancelled'].includes(p.status)) {
      b.sealed = true;
      const { output, errors } = resultLines(b, p, fake.scenario, clock.now());
      const expires = secs(clock.now()) + RESULT_RETENTION_S;
      const write = (name: string, lines: string[]): string =>
        addFile(`${b.id}_${name}.jsonl`, 'batch_output', Buffer.from(lines.join('\n') + '\n'), expires).id;
      if (output.length > 0) b.output_file_id = write('output', output);
      if (errors.length > 0) b.error_file_id = write('error', errors);
    }
    return batchJson(b, p, fake.scenario);
  };

  /** OpenAI's enqueued-token limit per model: what is enqueued now, and a batch that would go over fails. */
  const queue = {
    rejections: 0,
    peak: 0,
    enqueued(model: unknown): number {
      let sum = 0;
      for (const b of batches.values()) {
        const status = phaseOf(b, fake.scenario, clock.now()).status;
        if (b.errors.length === 0 && b.lines[0]?.body.model === model && !TERMINAL.includes(status)) sum += b.tokens;
      }
      return sum;
    },
    admit(model: unknown, tokens: number, errors: BatchError[]): void {
      const limit = fake.scenario.enqueuedTokenLimit!;
      const total = queue.enqueued(model) + tokens;
      if (total <= limit) {
        queue.peak = Math.max(queue.peak, total);
        return;
      }
      queue.rejections += 1;
      errors.push({ code: 'token_limit_exceeded', message: `Enqueued token limit reached for ${String(model)} in organization org-fake. Limit: ${limit.toLocaleString('en-US')} enqueued tokens. Please try submitting your batch again after some time.`, line: null, param: null });
    },
  };

  const authed =
    (handler: Handler): Handler =>
    (req: FakeRequest) => {
      bodies.push(req.body.toString('utf8'));
      const auth = req.headers.authorization;
      if (typeof auth !== 'string' || !/^Bearer \S+/.test(auth))
        return fail(401, 'You did not provide an API key.', 'invalid_api_key');
      return handler(req);
    };
  const statusRead = (): void => clock.advance(fake.scenario.autoAdvanceMs);
  const getFile = (req: FakeRequest): StoredFile | undefined => files.get(req.params.id!);

  const uploadFile: Handler = async (req) => {
    const headers = { 'content-type': String(req.headers['content-type']) };
    const form = await new Request('http://fake/', { method: 'POST', headers, body: new Uint8Array(req.body) }).formData();
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (!(file instanceof File) || typeof purpose !== 'string')
      return fail(400, 'file and purpose are required');
    return { json: fileJson(addFile(file.name, purpose, Buffer.from(await file.arrayBuffer()))) };
  };

  const createBatch: Handler = (req) => {
    const body = req.json<Rec>();
    const file = files.get(String(body.input_file_id));
    if (!file || file.purpose !== 'batch')
      return fail(400, `Invalid input_file_id: ${String(body.input_file_id)}`, 'invalid_file');
    if (!ENDPOINTS.includes(String(body.endpoint)))
      return fail(400, `Invalid endpoint: ${String(body.endpoint)}`);
    if (body.completion_window !== '24h') return fail(400, 'completion_window must be 24h');
    const metadata = body.metadata ?? null;
    if (metadata !== null && (!isRec(metadata) || Object.keys(metadata).length > 16))
      return fail(400, 'metadata: at most 16 pairs');
    const { lines, errors } = validateInput(
      file.bytes.toString('utf8'),
      String(body.endpoint),
      fake.scenario,
    );
    const tokens = fake.scenario.enqueuedTokenLimit === null ? 0 : lines.reduce((sum, line) => sum + inputTokensOf(line), 0);
    if (errors.length === 0 && fake.scenario.enqueuedTokenLimit !== null) queue.admit(lines[0]?.body.model, tokens, errors);
    const batch: FakeBatch = {
      id: nextId('batch_'),
      endpoint: String(body.endpoint),
      input_file_id: file.id,
      metadata: metadata as Rec | null,
      createdAt: clock.now(),
      lines,
      tokens,
      errors,
      output_file_id: null,
      error_file_id: null,
      sealed: false,
    };
    batches.set(batch.id, batch);
    created += 1;
    return { json: view(batch) };
  };

  const cancelBatch: Handler = (req) => {
    const b = batches.get(req.params.id!);
    if (!b) return fail(404, 'No batch found', 'not_found');
    const p = phaseOf(b, fake.scenario, clock.now());
    const finished = finishedAtCancel(b, p, fake.scenario);
    if (finished === null)
      return fail(400, `Cannot cancel a batch with status '${p.status}'.`, 'invalid_state');
    b.cancel = { at: clock.now(), finished };
    return { json: view(b) };
  };

  http
    .route('POST', '/v1/files', authed(uploadFile))
    .route(
      'GET',
      '/v1/files',
      authed((req) => {
        const purpose = req.query.get('purpose');
        const list = [...files.values()].filter((f) => !purpose || f.purpose === purpose);
        if (req.query.get('order') !== 'asc') list.reverse();
        return { json: page(list.map(fileJson), req.query, 10_000) };
      }),
    )
    .route(
      'GET',
      '/v1/files/:id',
      authed((req) => (getFile(req) ? { json: fileJson(getFile(req)!) } : fail(404, 'No such File object'))),
    )
    .route(
      'GET',
      '/v1/files/:id/content',
      authed((req) => (getFile(req) ? { body: getFile(req)!.bytes } : fail(404, 'No such File object'))),
    )
    .route(
      'DELETE',
      '/v1/files/:id',
      authed((req) => ({
        json: { id: req.params.id, object: 'file', deleted: files.delete(req.params.id!) },
      })),
    )
    .route('POST', '/v1/batches', authed(createBatch))
    .route(
      'GET',
      '/v1/batches',
      authed((req) => {
        statusRead();
        return { json: page([...batches.values()].reverse().map(view), req.query, 20) };
      }),
    )
    .route(
      'GET',
      '/v1/batches/:id',
      authed((req) => {
        statusRead();
        const b = batches.get(req.params.id!);
        return b ? { json: view(b) } : fail(404, 'No batch found', 'not_found');
      }),
    )
    .route('POST', '/v1/batches/:id/cancel', authed(cancelBatch))
    // Count tokens of a Responses request: the same usage the batch results report.
    .route(
      'POST',
      '/v1/responses/input_tokens',
      authed((req) => ({ json: { object: 'response.input_tokens', input_tokens: inputTokensOf({ custom_id: 'count', url: '/v1/responses', body: req.json() }) } })),
    );

  const base = await http.listen();
  return Object.assign(fake, {
    url: `${base}/v1`,
    batchesCreated: () => created,
    queueRejections: () => queue.rejections,
    peakEnqueuedTokens: () => queue.peak,
    receivedBodies: () => [...bodies],
    close: () => http.close(),
  });
}
