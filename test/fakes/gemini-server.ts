// A stateful fake of the Gemini API's batch surface, speaking the REST wire format the real @google/genai SDK
// calls (/v1/… and /v1beta/…): resumable file upload, files list/get/download, batchGenerateContent,
// asyncBatchEmbedContent, batches get/list/cancel (Operation JSON with metadata.state BATCH_STATE_*), countTokens.
// Usage: text counted with gpt-tokenizer, inline images and PDFs by Gemini's documented rules (file-usage.ts).
import { randomBytes } from 'node:crypto';
import { countTokens } from 'gpt-tokenizer';
import { decodeBase64, geminiImage, geminiPdf, imageDimensions, readPdf } from './file-usage.ts';
import { FakeClock, FakeHttpServer, type FakeReply, type FakeRequest, type Handler } from './fake-http.ts';
import { DEFAULT_SCENARIO, type FakeProviderServer, type FakeScenario } from './types.ts';
import { requestTexts, type WireRequestLine, type WireStatus } from '../../src/main/providers/gemini/wire.ts';
import { sampleFromSchema } from '../../src/main/core/schema-sample.ts';
import { DEFAULT_DIMENSIONS, fakeVector } from './fake-vectors.ts';

type Json = Record<string, unknown>;
type State = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';
interface FakeFile { meta: Json; bytes: Buffer }
type Answer = { response: Json } | { error: WireStatus };
interface Final { state: State; at: number; done: number; output?: Json; error?: WireStatus }
interface FakeBatch {
  id: string; model: string; displayName: string; createdAt: number; embed: boolean;
  inputFile?: string; inline: boolean; requests: WireRequestLine[]; final?: Final;
}

const V = '(?:v1|v1beta)';
const iso = (ms: number) => new Date(ms).toISOString();
const newId = () => randomBytes(6).toString('hex');
const NS = 'type.googleapis.com/google.ai.generativelanguage.v1main';



/** Inline images and PDFs of a request's contents, billed by Gemini's rules for `model`. */
function inlineFileTokens(model: string, contents: unknown): number {
  let tokens = 0;
  for (const content of Array.isArray(contents) ? (contents as Json[]) : []) {
    for (const part of Array.isArray(content['parts']) ? (content['parts'] as Json[]) : []) {
      const inline = part['inlineData'] as { mimeType?: string; data?: string } | undefined;
      if (!inline?.data) continue;
      const bytes = decodeBase64(inline.data);
      if (inline.mimeType === 'application/pdf') tokens += geminiPdf(model, readPdf(bytes));
      else if (inline.mimeType?.startsWith('image/')) {
        const { width, height } = imageDimensions(bytes);
        tokens += geminiImage(model, width, height);
      }
    }
  }
  return tokens;
}

function answerFor(line: WireRequestLine, model: string, failAll: boolean): Answer {
  const texts = requestTexts(line.request);
  if (failAll || texts.some((t) => t.includes('[[fail]]'))) {
    return { error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' } };
  }
  const schemaOfRequest = 'contents' in line.request ? (line.request.generationConfig?.responseJsonSchema ?? (line.request.generationConfig as Json | undefined)?.['responseSchema']) : undefined;
  const inputTokens =
    texts.reduce((sum, t) => sum + countTokens(t), 0) +
    (schemaOfRequest !== undefined ? countTokens(JSON.stringify(schemaOfRequest)) : 0) +
    ('contents' in line.request ? inlineFileTokens(model, line.request.contents) : 0);
  if ('content' in line.request) {
    const dimensions = line.request.outputDimensionality ?? DEFAULT_DIMENSIONS[model] ?? 3072;
    return { response: { embedding: { values: fakeVector(texts.join(' '), dimensions) }, tokenCount: String(inputTokens) } };
  }
  const request = line.request;
  const lastUser = [...request.contents].reverse().find((c) => c.role !== 'model');
  const lastText = [...(lastUser?.parts ?? [])].reverse().find((p) => typeof p.text === 'string')?.text ?? '';
  const schema = request.generationConfig?.responseJsonSchema ?? (request.generationConfig as Json | undefined)?.['responseSchema'];
  const text = schema ? JSON.stringify(sampleFromSchema(schema)) : `fake answer to: ${lastText.slice(0, 60)}`;
  const outputTokens = countTokens(text);
  return {
    response: {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: inputTokens, candidatesTokenCount: outputTokens, totalTokenCount: inputTokens + outputTokens },
      modelVersion: model,
      responseId: newId(),
    },
  };
}

export async function startGeminiFake(opts: { clock?: FakeClock; scenario?: Partial<FakeScenario> } = {}): Promise<FakeProviderServer> {
  const clock = opts.clock ?? new FakeClock();
  const http = new FakeHttpServer(clock);
  const files = new Map<string, FakeFile>();
  const uploads = new Map<string, { meta: Json; chunks: Buffer[] }>();
  const batches = new Map<string, FakeBatch>();
  const bodies: string[] = [];
  let created = 0;

  const fake: FakeProviderServer = {
    http, clock, url: '', scenario: { ...DEFAULT_SCENARIO, ...opts.scenario },
    batchesCreated: () => created,
    receivedBodies: () => [...bodies],
    close: () => http.close(),
  };

  const addFile = (meta: Json, bytes: Buffer, id = newId()): Json => {
    const now = iso(clock.now());
    const full = { mimeType: 'application/octet-stream', ...meta, name: `files/${id}`, sizeBytes: String(bytes.length), createTime: now,
      updateTime: now, expirationTime: iso(clock.now() + 48 * 3600_000), uri: `${fake.url}/v1beta/files/${id}`, state: 'ACTIVE', source: 'UPLOADED' };
    files.set(id, { meta: full, bytes });
    return full;
  };

  const finalize = (b: FakeBatch, state: State, at: number, done: number): Final => {
    const sc = fake.scenario;
    const answered = b.requests.slice(0, done).map((r) => ({ key: r.key, answer: answerFor(r, b.model, sc.outcome === 'fail_all') }));
    if (sc.outOfOrder) answered.reverse();
    const final: Final = { state, at, done };
    if (state === 'FAILED') final.error = { code: 400, message: 'Invalid batch input at line 1: unknown field', status: 'INVALID_ARGUMENT' };
    else if (b.inline) {
      const items = answered.map(({ key, answer }) => (sc.echoInlineMetadata ? { ...answer, metadata: { key } } : { ...answer }));
      final.output = { [b.embed ? 'inlinedEmbedContentResponses' : 'inlinedResponses']: { inlinedResponses: items } };
    } else {
      const text = answered.map(({ key, answer }) => JSON.stringify({ ...answer, key })).join('\n') + (answered.length ? '\n' : '');
      const file = addFile({ displayName: `${b.id}-responses`, mimeType: 'application/jsonl', source: 'GENERATED' }, Buffer.from(text), `${b.id}-out`);
      final.output = { responsesFile: file['name'] };
    }
    b.final = final;
    return final;
  };

  const stateOf = (b: FakeBatch): State => {
    if (b.final) return b.final.state;
    const sc = fake.scenario;
    const now = clock.now();
    const running = b.createdAt + sc.validatingMs;
    const processed = running + sc.inProgressMs;
    const ended = processed + sc.finalizingMs;
    if (now < running) return 'PENDING';
    if (sc.outcome === 'fail_validation') return finalize(b, 'FAILED', running, 0).state;
    if (now < processed) return 'RUNNING';
    if (sc.outcome === 'expire_partial') return finalize(b, 'EXPIRED', processed, Math.floor(b.requests.length * sc.partialFraction)).state;
    if (now < ended) return 'RUNNING';
    return finalize(b, 'SUCCEEDED', ended, b.requests.length).state;
  };

  const processedCount = (b: FakeBatch): number => {
    if (b.final) return b.final.done;
    const started = b.createdAt + fake.scenario.validatingMs;
    const share = Math.min(1, Math.max(0, (clock.now() - started) / Math.max(1, fake.scenario.inProgressMs)));
    return Math.floor(b.requests.length * share);
  };

  const operation = (b: FakeBatch): Json => {
    const state = stateOf(b);
    const done = processedCount(b);
    const failAll = fake.scenario.outcome === 'fail_all';
    const failed = b.requests.slice(0, done).filter((r) => failAll || requestTexts(r.request).some((t) => t.includes('[[fail]]'))).length;
    const name = `batches/${b.id}`;
    const metadata: Json = {
      '@type': `${NS}.${b.embed ? 'EmbedContentBatch' : 'GenerateContentBatch'}`, model: `models/${b.model}`, displayName: b.displayName,
      ...(b.inputFile ? { inputConfig: { fileName: b.inputFile } } : {}),
      createTime: iso(b.createdAt), updateTime: iso(b.final?.at ?? clock.now()), ...(b.final ? { endTime: iso(b.final.at) } : {}),
      batchStats: { requestCount: String(b.requests.length), successfulRequestCount: String(done - failed), failedRequestCount: String(failed),
        pendingRequestCount: String(b.final ? 0 : b.requests.length - done) },
      state: `BATCH_STATE_${state}`, name,
      ...(b.final?.output ? { output: b.final.output } : {}),
    };
    const op: Json = { name, metadata, done: Boolean(b.final) };
    if (b.final?.output) op['response'] = { '@type': `${NS}.${b.embed ? 'EmbedContentBatchOutput' : 'GenerateContentBatchOutput'}`, ...b.final.output };
    if (b.final?.error) op['error'] = b.final.error;
    return op;
  };

  const readInput = (inputConfig: Json): { requests: WireRequestLine[]; inputFile?: string } => {
    const fileName = (inputConfig['fileName'] ?? inputConfig['file_name']) as string | undefined;
    if (fileName) {
      const file = files.get(fileName.replace(/^files\//, ''));
      if (!file) throw Object.assign(new Error(`file ${fileName} not found`), { status: 404 });
      const lines = file.bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '');
      return { requests: lines.map((l) => JSON.parse(l) as WireRequestLine), inputFile: fileName };
    }
    const wrapper = (inputConfig['requests'] ?? {}) as { requests?: Json[] };
    const requests = (wrapper.requests ?? []).map((r, i) => ({
      key: ((r['metadata'] as Json | undefined)?.['key'] as string | undefined) ?? String(i + 1),
      request: (r['request'] ?? {}) as WireRequestLine['request'],
    }));
    return { requests };
  };

  const createBatch = (embed: boolean): Handler => (req) => {
    const body = req.json<{ batch?: Json }>();
    const batch = body.batch ?? {};
    let input: ReturnType<typeof readInput>;
    try {
      input = readInput((batch['inputConfig'] ?? {}) as Json);
    } catch (error) {
      return googleError((error as { status?: number }).status ?? 400, (error as Error).message);
    }
    const id = newId();
    const b: FakeBatch = { id, model: req.params['model']!, displayName: String(batch['displayName'] ?? ''), createdAt: clock.now(), embed,
      inline: !input.inputFile, requests: input.requests, ...(input.inputFile ? { inputFile: input.inputFile } : {}) };
    batches.set(id, b);
    created += 1;
    return { json: operation(b) };
  };

  const page = <T,>(req: FakeRequest, items: T[]): { items: T[]; next?: string } => {
    const size = Number(req.query.get('pageSize') ?? 50) || 50;
    const start = Number(req.query.get('pageToken') ?? 0) || 0;
    const next = start + size < items.length ? String(start + size) : undefined;
    return { items: items.slice(start, start + size), ...(next ? { next } : {}) };
  };

  const upload: Handler = (req) => {
    const command = String(req.headers['x-goog-upload-command'] ?? '');
    if (command === 'start') {
      const id = newId();
      uploads.set(id, { meta: (req.json<{ file?: Json }>().file ?? {}), chunks: [] });
      return { json: {}, headers: { 'x-goog-upload-url': `${fake.url}/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable` } };
    }
    const pending = uploads.get(req.query.get('upload_id') ?? '');
    if (!pending) return googleError(404, 'unknown upload');
    pending.chunks.push(req.body);
    if (!command.includes('finalize')) return { json: {}, headers: { 'x-goog-upload-status': 'active' } };
    uploads.delete(req.query.get('upload_id')!);
    const { sizeBytes: _size, ...meta } = pending.meta;
    return { json: { file: addFile(meta, Buffer.concat(pending.chunks)) }, headers: { 'x-goog-upload-status': 'final' } };
  };

  const authed = (handler: Handler): Handler => (req) => {
    if (req.body.length > 0) bodies.push(req.body.toString('utf8'));
    if (!req.headers['x-goog-api-key'] && !req.query.get('key')) return googleError(401, 'API key not valid. Please pass a valid API key.');
    return handler(req);
  };
  const route = (method: string, pattern: string, handler: Handler) => http.route(method, new RegExp(`^${pattern}$`), authed(handler));
  const batchOr404 = (req: FakeRequest, then: (b: FakeBatch) => FakeReply): FakeReply => {
    const b = batches.get(req.params['id']!);
    return b ? then(b) : googleError(404, `batch ${req.params['id']} not found`);
  };

  route('POST', `/upload/${V}/files`, upload);
  route('GET', `/${V}/files`, (req) => {
    const { items, next } = page(req, [...files.values()].map((f) => f.meta));
    return { json: { files: items, ...(next ? { nextPageToken: next } : {}) } };
  });
  route('GET', `/${V}/files/(?<id>[^/:]+)`, (req) => {
    const f = files.get(req.params['id']!);
    return f ? { json: f.meta } : googleError(404, 'file not found');
  });
  route('GET', `/${V}/files/(?<id>[^/:]+):download`, (req) => {
    const f = files.get(req.params['id']!);
    return f ? { body: f.bytes, headers: { 'content-type': 'application/octet-stream' } } : googleError(404, 'file not found');
  });
  route('POST', `/${V}/models/(?<model>[^/:]+):batchGenerateContent`, createBatch(false));
  route('POST', `/${V}/models/(?<model>[^/:]+):asyncBatchEmbedContent`, createBatch(true));
  route('POST', `/${V}/models/(?<model>[^/:]+):countTokens`, (req) => {
    const contents = req.json<{ contents?: WireRequestLine['request'][] }>().contents ?? [];
    const texts = requestTexts({ contents } as unknown as WireRequestLine['request']);
    return { json: { totalTokens: texts.reduce((sum, t) => sum + countTokens(t), 0) + inlineFileTokens(req.params['model']!, contents) } };
  });
  route('GET', `/${V}/batches`, (req) => {
    const { items, next } = page(req, [...batches.values()].reverse().map(operation));
    return { json: { operations: items, ...(next ? { nextPageToken: next } : {}) } };
  });
  route('GET', `/${V}/batches/(?<id>[^/:]+)`, (req) => {
    if (fake.scenario.autoAdvanceMs > 0) clock.advance(fake.scenario.autoAdvanceMs);
    return batchOr404(req, (b) => ({ json: operation(b) }));
  });
  route('POST', `/${V}/batches/(?<id>[^/:]+):cancel`, (req) =>
    batchOr404(req, (b) => {
      const state = stateOf(b);
      if (!b.final) finalize(b, 'CANCELLED', clock.now(), state === 'RUNNING' ? Math.floor(b.requests.length * fake.scenario.partialFraction) : 0);
      return { json: {} };
    }),
  );

  (fake as { url: string }).url = await http.listen();
  return fake;
}

const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND' };
function googleError(code: number, message: string): FakeReply {
  return { status: code, json: { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } } };
}
