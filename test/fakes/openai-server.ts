// Stateful fake of OpenAI's Files + Batch API on 127.0.0.1, speaking the real wire format so the real `openai`
// SDK works against it by baseURL. It keeps files and batches, validates input lines like the real service,
// advances each batch through the scenario's phases on a fake clock, and writes output and error files built
// deterministically from the input (answer text, schema-shaped JSON, small vectors, gpt-tokenizer usage).
import { createHash } from 'node:crypto';
import { countTokens } from 'gpt-tokenizer';
import { FakeClock, FakeHttpServer, type FakeReply, type FakeRequest, type Handler } from './fake-http.ts';
import { DEFAULT_SCENARIO, type FakeProviderServer, type FakeScenario } from './types.ts';

type Rec = Record<string, unknown>;
interface StoredFile { id: string; filename: string; purpose: string; bytes: Buffer; created_at: number; expires_at?: number }
interface InputLine { custom_id: string; url: string; body: Rec }
interface FakeBatch {
  id: string; n: number; endpoint: string; input_file_id: string; metadata: Rec | null; createdAt: number;
  lines: InputLine[]; errors: { code: string; message: string; line: number | null; param: null }[];
  cancel?: { at: number; finished: number }; output_file_id: string | null; error_file_id: string | null; sealed: boolean;
}
interface Phase { status: string; finished: number; at: Record<string, number> }

const ENDPOINTS = ['/v1/chat/completions', '/v1/responses', '/v1/embeddings'];
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const secs = (ms: number): number => Math.floor(ms / 1000);
const tokens = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });
const err = (status: number, message: string, code: string | null = null): FakeReply => ({
  status, json: { error: { message, type: 'invalid_request_error', param: null, code } },
});

/** A value that satisfies a JSON schema, from its types, enums and consts. */
export function sampleFromSchema(schema: unknown, root: unknown = schema): unknown {
  if (!isRec(schema)) return null;
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (isRec(node) ? node[key] : undefined), root);
    return sampleFromSchema(target, root);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return sampleFromSchema(alternatives[0], root);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || isRec(schema.properties)) {
    const props = isRec(schema.properties) ? schema.properties : {};
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sampleFromSchema(v, root)]));
  }
  if (type === 'array') return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sampleFromSchema(schema.items, root));
  if (type === 'string') return typeof schema.minLength === 'number' ? 'x'.repeat(Math.max(4, schema.minLength)) : 'fake';
  if (type === 'integer' || type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (type === 'boolean') return true;
  return null;
}

/** The text parts of a request body (what the usage counts) and the last user text (what the answer quotes). */
function requestTexts(url: string, body: Rec): { all: string[]; lastUser: string } {
  const partsText = (content: unknown): string[] =>
    typeof content === 'string' ? [content]
      : Array.isArray(content) ? content.filter((p) => isRec(p) && typeof p.text === 'string').map((p) => (p as Rec).text as string) : [];
  if (url === '/v1/embeddings') {
    const all = Array.isArray(body.input) ? body.input.filter((t): t is string => typeof t === 'string') : partsText(body.input);
    return { all, lastUser: all.at(-1) ?? '' };
  }
  const items: unknown[] = url === '/v1/responses' ? (typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input as unknown[]) ?? []) : (body.messages as unknown[]) ?? [];
  const all = typeof body.instructions === 'string' ? [body.instructions] : [];
  let lastUser = '';
  for (const item of items) {
    if (!isRec(item)) continue;
    const texts = partsText(item.content);
    all.push(...texts);
    if (item.role === 'user') lastUser = texts.join('\n');
  }
  return { all, lastUser };
}

function vector(text: string): number[] {
  const hash = createHash('sha256').update(text).digest();
  return Array.from({ length: 8 }, (_, i) => Math.round(((hash[i]! / 255) * 2 - 1) * 1e6) / 1e6);
}

function successBody(line: InputLine, index: number, created: number): Rec {
  const { all, lastUser } = requestTexts(line.url, line.body);
  const input = all.reduce((sum, t) => sum + tokens(t), 0);
  const model = String(line.body.model);
  if (line.url === '/v1/embeddings') {
    const inputs = Array.isArray(line.body.input) ? (line.body.input as string[]) : [String(line.body.input)];
    return { object: 'list', model, data: inputs.map((t, i) => ({ object: 'embedding', index: i, embedding: vector(t) })), usage: { prompt_tokens: input, total_tokens: input } };
  }
  const format = line.url === '/v1/responses' ? (line.body.text as Rec | undefined)?.format : (line.body.response_format as Rec | undefined)?.json_schema;
  const schema = isRec(format) ? format.schema : undefined;
  const text = schema ? JSON.stringify(sampleFromSchema(schema)) : `fake answer to: ${lastUser.slice(0, 60)}`;
  const output = tokens(text);
  if (line.url === '/v1/responses') {
    return {
      id: `resp_${index}`, object: 'response', created_at: created, status: 'completed', model, error: null, incomplete_details: null,
      output: [{ type: 'message', id: `msg_${index}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
      usage: { input_tokens: input, input_tokens_details: { cached_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + output },
    };
  }
  return {
    id: `chatcmpl-${index}`, object: 'chat.completion', created, model, system_fingerprint: 'fp_fake',
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output, prompt_tokens_details: { cached_tokens: 0 } },
  };
}

export async function startOpenAIFake(opts: { clock?: FakeClock; scenario?: Partial<FakeScenario> } = {}): Promise<FakeProviderServer> {
  const clock = opts.clock ?? new FakeClock();
  const http = new FakeHttpServer(clock);
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, FakeBatch>();
  const bodies: string[] = [];
  let created = 0;
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}${(++counter).toString().padStart(6, '0')}`;
  const fake = { http, clock, url: '', scenario: { ...DEFAULT_SCENARIO, ...opts.scenario } };

  const addFile = (filename: string, purpose: string, bytes: Buffer, expires?: number): StoredFile => {
    const file: StoredFile = { id: nextId('file-'), filename, purpose, bytes, created_at: secs(clock.now()), ...(expires ? { expires_at: expires } : {}) };
    files.set(file.id, file);
    return file;
  };
  const fileJson = (f: StoredFile): Rec => ({ id: f.id, object: 'file', bytes: f.bytes.length, created_at: f.created_at, expires_at: f.expires_at ?? null, filename: f.filename, purpose: f.purpose, status: 'processed', status_details: null });
  const willFail = (line: InputLine): boolean => fake.scenario.outcome === 'fail_all' || requestTexts(line.url, line.body).all.some((t) => t.includes('[[fail]]'));

  const phase = (b: FakeBatch): Phase => {
    const s = fake.scenario;
    const start = b.createdAt, inProgress = start + s.validatingMs, finalizing = inProgress + s.inProgressMs, done = finalizing + s.finalizingMs;
    const now = clock.now();
    if (b.cancel) {
      const at = { in_progress_at: inProgress, cancelling_at: b.cancel.at, cancelled_at: b.cancel.at + s.finalizingMs };
      return now < at.cancelled_at ? { status: 'cancelling', finished: b.cancel.finished, at: { cancelling_at: b.cancel.at } } : { status: 'cancelled', finished: b.cancel.finished, at };
    }
    if (now < inProgress) return { status: 'validating', finished: 0, at: {} };
    if (b.errors.length > 0) return { status: 'failed', finished: 0, at: { failed_at: inProgress } };
    if (now < finalizing) return { status: 'in_progress', finished: Math.floor((b.n * (now - inProgress)) / s.inProgressMs), at: { in_progress_at: inProgress } };
    if (s.outcome === 'expire_partial') return { status: 'expired', finished: Math.floor(b.n * s.partialFraction), at: { in_progress_at: inProgress, expired_at: finalizing } };
    if (now < done) return { status: 'finalizing', finished: b.n, at: { in_progress_at: inProgress, finalizing_at: finalizing } };
    return { status: 'completed', finished: b.n, at: { in_progress_at: inProgress, finalizing_at: finalizing, completed_at: done } };
  };

  /** At the first terminal read, write the output and error files (finished part, then the rest as expired/cancelled). */
  const seal = (b: FakeBatch, p: Phase): void => {
    if (b.sealed || !['completed', 'expired', 'cancelled'].includes(p.status)) return;
    b.sealed = true;
    const out: string[] = [], errors: string[] = [];
    b.lines.forEach((line, i) => {
      const id = `batch_req_${b.id}_${i}`;
      if (i >= p.finished) {
        const code = p.status === 'expired' ? 'batch_expired' : 'batch_cancelled';
        const message = p.status === 'expired' ? 'This request could not be executed before the completion window expired.' : 'This request was cancelled before it was executed.';
        return void errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: { code, message } }));
      }
      if (willFail(line)) {
        const status = fake.scenario.outcome === 'fail_all' ? 500 : 400;
        const error = status === 500 ? { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } : { message: 'Fake failure requested by [[fail]].', type: 'invalid_request_error', param: null, code: 'fake_failure' };
        return void errors.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: status, request_id: `req_${i}`, body: { error } }, error: null }));
      }
      out.push(JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: 200, request_id: `req_${i}`, body: successBody(line, i, secs(clock.now())) }, error: null }));
    });
    if (fake.scenario.outOfOrder) { out.reverse(); errors.reverse(); }
    const expires = secs(clock.now()) + 30 * 24 * 3600;
    if (out.length > 0) b.output_file_id = addFile(`${b.id}_output.jsonl`, 'batch_output', Buffer.from(out.join('\n') + '\n'), expires).id;
    if (errors.length > 0) b.error_file_id = addFile(`${b.id}_error.jsonl`, 'batch_output', Buffer.from(errors.join('\n') + '\n'), expires).id;
  };

  const batchJson = (b: FakeBatch): Rec => {
    const p = phase(b);
    seal(b, p);
    const terminal = ['completed', 'expired', 'cancelled'].includes(p.status);
    const finished = b.lines.slice(0, p.finished);
    const failed = finished.filter(willFail).length + (terminal ? b.n - p.finished : 0);
    const at = (key: string): number | null => (p.at[key] !== undefined ? secs(p.at[key]) : null);
    return {
      id: b.id, object: 'batch', endpoint: b.endpoint, model: b.lines[0]?.body.model ?? null,
      errors: b.errors.length > 0 ? { object: 'list', data: b.errors } : null,
      input_file_id: b.input_file_id, completion_window: '24h', status: p.status,
      output_file_id: b.output_file_id, error_file_id: b.error_file_id,
      created_at: secs(b.createdAt), expires_at: secs(b.createdAt) + 24 * 3600,
      in_progress_at: at('in_progress_at'), finalizing_at: at('finalizing_at'), completed_at: at('completed_at'), failed_at: at('failed_at'),
      expired_at: at('expired_at'), cancelling_at: at('cancelling_at'), cancelled_at: at('cancelled_at'),
      request_counts: { total: b.n, completed: finished.length - finished.filter(willFail).length, failed }, metadata: b.metadata,
    };
  };

  const validate = (file: StoredFile, endpoint: string): { lines: InputLine[]; errors: FakeBatch['errors'] } => {
    const lines: InputLine[] = [], errors: FakeBatch['errors'] = [], seen = new Set<string>();
    const fail = (line: number, code: string, message: string): void => void errors.push({ code, message, line, param: null });
    file.bytes.toString('utf8').split('\n').forEach((text, i) => {
      if (text.trim() === '') return;
      let v: unknown;
      try { v = JSON.parse(text); } catch { return fail(i + 1, 'invalid_json_line', 'This line is not parseable as valid JSON.'); }
      if (!isRec(v) || typeof v.custom_id !== 'string') return fail(i + 1, 'missing_required_parameter', 'Missing required parameter: custom_id.');
      if (seen.has(v.custom_id)) return fail(i + 1, 'duplicate_custom_id', `The custom_id ${v.custom_id} is duplicated.`);
      seen.add(v.custom_id);
      if (v.method !== 'POST') return fail(i + 1, 'invalid_method', 'Only POST is supported.');
      if (v.url !== endpoint) return fail(i + 1, 'mismatched_endpoint', `The url ${String(v.url)} does not match the batch endpoint ${endpoint}.`);
      if (!isRec(v.body) || typeof v.body.model !== 'string') return fail(i + 1, 'missing_required_parameter', 'Missing required parameter: body.model.');
      if (lines[0] && lines[0].body.model !== v.body.model) return fail(i + 1, 'mismatched_model', 'Every request in a batch must use the same model.');
      lines.push({ custom_id: v.custom_id, url: v.url, body: v.body });
    });
    if (lines.length === 0 && errors.length === 0) fail(1, 'empty_file', 'The input file is empty.');
    if (lines.length > 50_000) fail(50_001, 'too_many_requests', 'A batch holds at most 50,000 requests.');
    if (fake.scenario.outcome === 'fail_validation') fail(1, 'invalid_request', 'Fake validation failure (scenario fail_validation).');
    return { lines, errors };
  };

  const page = (items: Rec[], q: URLSearchParams, defaultLimit: number): Rec => {
    const after = q.get('after');
    const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
    const data = items.slice(start, start + Number(q.get('limit') ?? defaultLimit));
    return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + data.length < items.length };
  };

  const authed = (handler: Handler): Handler => (req: FakeRequest) => {
    bodies.push(req.body.toString('utf8'));
    const auth = req.headers.authorization;
    if (typeof auth !== 'string' || !/^Bearer \S+/.test(auth)) return err(401, 'You did not provide an API key.', 'invalid_api_key');
    return handler(req);
  };
  const read = (): void => clock.advance(fake.scenario.autoAdvanceMs);

  http
    .route('POST', '/v1/files', authed(async (req) => {
      const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: req.body }).formData();
      const file = form.get('file'), purpose = form.get('purpose');
      if (!(file instanceof File) || typeof purpose !== 'string') return err(400, 'file and purpose are required', 'missing_required_parameter');
      return { json: fileJson(addFile(file.name, purpose, Buffer.from(await file.arrayBuffer()))) };
    }))
    .route('GET', '/v1/files', authed((req) => {
      const purpose = req.query.get('purpose');
      const list = [...files.values()].filter((f) => !purpose || f.purpose === purpose);
      if (req.query.get('order') !== 'asc') list.reverse();
      return { json: page(list.map(fileJson), req.query, 10_000) };
    }))
    .route('GET', '/v1/files/:id', authed((req) => { const f = files.get(req.params.id!); return f ? { json: fileJson(f) } : err(404, 'No such File object', 'not_found'); }))
    .route('GET', '/v1/files/:id/content', authed((req) => { const f = files.get(req.params.id!); return f ? { body: f.bytes, headers: { 'content-type': 'application/octet-stream' } } : err(404, 'No such File object', 'not_found'); }))
    .route('DELETE', '/v1/files/:id', authed((req) => ({ json: { id: req.params.id, object: 'file', deleted: files.delete(req.params.id!) } })))
    .route('POST', '/v1/batches', authed((req) => {
      const body = req.json<Rec>();
      const file = files.get(String(body.input_file_id));
      if (!file || file.purpose !== 'batch') return err(400, `Invalid input_file_id: ${String(body.input_file_id)}`, 'invalid_file');
      if (!ENDPOINTS.includes(String(body.endpoint))) return err(400, `Invalid endpoint: ${String(body.endpoint)}`, 'invalid_value');
      if (body.completion_window !== '24h') return err(400, 'completion_window must be 24h', 'invalid_value');
      if (body.metadata != null && (!isRec(body.metadata) || Object.keys(body.metadata).length > 16)) return err(400, 'metadata holds at most 16 pairs', 'invalid_value');
      const { lines, errors } = validate(file, String(body.endpoint));
      const batch: FakeBatch = { id: nextId('batch_'), n: lines.length, endpoint: String(body.endpoint), input_file_id: file.id, metadata: (body.metadata as Rec) ?? null, createdAt: clock.now(), lines, errors, output_file_id: null, error_file_id: null, sealed: false };
      batches.set(batch.id, batch);
      created += 1;
      return { json: batchJson(batch) };
    }))
    .route('GET', '/v1/batches', authed((req) => { read(); return { json: page([...batches.values()].reverse().map(batchJson), req.query, 20) }; }))
    .route('GET', '/v1/batches/:id', authed((req) => { read(); const b = batches.get(req.params.id!); return b ? { json: batchJson(b) } : err(404, 'No batch found', 'not_found'); }))
    .route('POST', '/v1/batches/:id/cancel', authed((req) => {
      const b = batches.get(req.params.id!);
      if (!b) return err(404, 'No batch found', 'not_found');
      const p = phase(b);
      if (!['validating', 'in_progress', 'finalizing'].includes(p.status)) return err(400, `Cannot cancel a batch with status '${p.status}'.`, 'invalid_state');
      const finished = p.status === 'validating' ? 0 : p.status === 'finalizing' ? b.n : Math.floor(b.n * fake.scenario.partialFraction);
      b.cancel = { at: clock.now(), finished };
      return { json: batchJson(b) };
    }));

  const base = await http.listen();
  return Object.assign(fake, {
    url: `${base}/v1`,
    batchesCreated: () => created,
    receivedBodies: () => [...bodies],
    close: () => http.close(),
  });
}
