// A stateful fake of Anthropic's Message Batches API on 127.0.0.1, speaking the real wire format so the real
// @anthropic-ai/sdk works against it by baseURL. Batches advance on a FakeClock through the scenario's phases;
// results are built from the requests (see anthropic-answers.ts). Faults come from `http.inject`.
import { FakeClock, FakeHttpServer, type FakeReply, type FakeRequest, type Handler } from './fake-http.ts';
import { answer, inputTokens, textParts } from './anthropic-answers.ts';
import { DEFAULT_SCENARIO, type FakeProviderServer, type FakeScenario } from './types.ts';

type Json = Record<string, unknown>;
interface BatchRequest {
  custom_id: string;
  params: Json;
}
interface FakeBatch {
  id: string;
  createdAt: number;
  requests: BatchRequest[];
  /** The scenario in force when the batch was created (so later changes do not rewrite history). */
  scenario: FakeScenario;
  cancelAt: number | null;
}
type Outcome = 'succeeded' | 'errored' | 'canceled' | 'expired';

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a cancelled batch stays `canceling` before it ends. */
const CANCELING_MS = 1_000;

const iso = (ms: number) => new Date(ms).toISOString();
const apiError = (status: number, type: string, message: string): FakeReply => ({
  status,
  json: { type: 'error', error: { type, message }, request_id: null },
});

export async function startAnthropicFake(opts: { clock?: FakeClock; scenario?: Partial<FakeScenario> } = {}): Promise<FakeProviderServer> {
  const clock = opts.clock ?? new FakeClock();
  const http = new FakeHttpServer(clock);
  const batches: FakeBatch[] = [];
  const bodies: string[] = [];
  const fake = { scenario: { ...DEFAULT_SCENARIO, ...opts.scenario } };

  const endsAt = (b: FakeBatch): number =>
    b.cancelAt !== null ? b.cancelAt + CANCELING_MS : b.createdAt + b.scenario.validatingMs + b.scenario.inProgressMs + b.scenario.finalizingMs;
  const ended = (b: FakeBatch) => clock.now() >= endsAt(b);

  /** Each request's outcome once the batch has ended. */
  function outcomes(b: FakeBatch): Outcome[] {
    const finished = Math.floor(b.requests.length * b.scenario.partialFraction);
    return b.requests.map((r, i) => {
      const failing = b.scenario.outcome === 'fail_all' || textParts(r.params).some((t) => t.includes('[[fail]]'));
      if (b.cancelAt !== null && i >= finished) return 'canceled';
      if (b.scenario.outcome === 'expire_partial' && i >= finished) return 'expired';
      return failing ? 'errored' : 'succeeded';
    });
  }

  function toJson(b: FakeBatch): Json {
    const done = ended(b);
    const counts = { processing: done ? 0 : b.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (done) for (const o of outcomes(b)) counts[o] += 1;
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: done ? 'ended' : b.cancelAt !== null ? 'canceling' : 'in_progress',
      request_counts: counts,
      ended_at: done ? iso(endsAt(b)) : null,
      created_at: iso(b.createdAt),
      expires_at: iso(b.createdAt + DAY_MS),
      archived_at: null,
      cancel_initiated_at: b.cancelAt !== null ? iso(b.cancelAt) : null,
      results_url: done ? `${http.url}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  function resultLine(b: FakeBatch, r: BatchRequest, outcome: Outcome, index: number): string {
    let result: Json;
    if (outcome === 'succeeded') result = { type: 'succeeded', message: answer(r.params, `msg_${b.id}_${index}`) };
    else if (outcome === 'errored') {
      result = { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'fake failure for this request' }, request_id: null } };
    } else result = { type: outcome };
    return JSON.stringify({ custom_id: r.custom_id, result });
  }

  const find = (id: string | undefined) => batches.find((b) => b.id === id);

  /** Auth check (the SDK sends `Authorization: Bearer`, the API documents `x-api-key`) and body log. */
  const guarded = (handler: Handler): Handler => (req: FakeRequest) => {
    if (req.body.length > 0) bodies.push(req.body.toString('utf8'));
    if (!req.headers['x-api-key'] && !req.headers.authorization) return apiError(401, 'authentication_error', 'missing API key');
    return handler(req);
  };
  const statusRead = () => {
    if (fake.scenario.autoAdvanceMs > 0) clock.advance(fake.scenario.autoAdvanceMs);
  };

  http.route('POST', '/v1/messages/batches', guarded((req) => {
    const body = req.json<{ requests?: BatchRequest[] }>();
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0) return apiError(400, 'invalid_request_error', 'requests: must be a non-empty array');
    const seen = new Set<string>();
    for (const [i, r] of requests.entries()) {
      if (typeof r?.custom_id !== 'string' || !CUSTOM_ID.test(r.custom_id)) return apiError(400, 'invalid_request_error', `requests.${i}.custom_id: invalid`);
      if (seen.has(r.custom_id)) return apiError(400, 'invalid_request_error', `requests.${i}.custom_id: duplicate ${r.custom_id}`);
      seen.add(r.custom_id);
      if (typeof r.params?.model !== 'string' || typeof r.params.max_tokens !== 'number' || !Array.isArray(r.params.messages)) {
        return apiError(400, 'invalid_request_error', `requests.${i}.params: model, max_tokens and messages are required`);
      }
    }
    if (fake.scenario.outcome === 'fail_validation') return apiError(400, 'invalid_request_error', 'requests.0.params.model: fake validation failure');
    const batch: FakeBatch = {
      id: `msgbatch_fake${String(batches.length + 1).padStart(6, '0')}`,
      createdAt: clock.now(),
      requests,
      scenario: { ...fake.scenario },
      cancelAt: null,
    };
    batches.push(batch);
    return { json: toJson(batch) };
  }));

  http.route('GET', '/v1/messages/batches', guarded((req) => {
    statusRead();
    const newestFirst = [...batches].reverse();
    const limit = Math.min(Number(req.query.get('limit') ?? 20) || 20, 1000);
    const afterId = req.query.get('after_id');
    const beforeId = req.query.get('before_id');
    let start = 0;
    let end = newestFirst.length;
    if (afterId) start = newestFirst.findIndex((b) => b.id === afterId) + 1;
    if (beforeId) end = Math.max(0, newestFirst.findIndex((b) => b.id === beforeId));
    const page = beforeId ? newestFirst.slice(Math.max(start, end - limit), end) : newestFirst.slice(start, Math.min(end, start + limit));
    const hasMore = beforeId ? end - limit > start : start + limit < end;
    return { json: { data: page.map(toJson), has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null } };
  }));

  http.route('GET', '/v1/messages/batches/:id', guarded((req) => {
    statusRead();
    const batch = find(req.params.id);
    return batch ? { json: toJson(batch) } : apiError(404, 'not_found_error', `no batch ${req.params.id}`);
  }));

  http.route('POST', '/v1/messages/batches/:id/cancel', guarded((req) => {
    const batch = find(req.params.id);
    if (!batch) return apiError(404, 'not_found_error', `no batch ${req.params.id}`);
    if (!ended(batch) && batch.cancelAt === null) batch.cancelAt = clock.now();
    return { json: toJson(batch) };
  }));

  http.route('GET', '/v1/messages/batches/:id/results', guarded((req) => {
    const batch = find(req.params.id);
    if (!batch) return apiError(404, 'not_found_error', `no batch ${req.params.id}`);
    if (!ended(batch)) return apiError(400, 'invalid_request_error', `batch ${batch.id} has not ended yet`);
    const lines = outcomes(batch).map((o, i) => resultLine(batch, batch.requests[i]!, o, i));
    if (batch.scenario.outOfOrder) lines.reverse();
    return { body: lines.map((l) => `${l}\n`).join(''), headers: { 'content-type': 'application/binary' } };
  }));

  http.route('POST', '/v1/messages/count_tokens', guarded((req) => ({ json: { input_tokens: inputTokens(req.json<Json>()) } })));

  await http.listen();
  return {
    http,
    clock,
    url: http.url,
    get scenario() {
      return fake.scenario;
    },
    set scenario(value: FakeScenario) {
      fake.scenario = value;
    },
    batchesCreated: () => batches.length,
    receivedBodies: () => [...bodies],
    close: () => http.close(),
  };
}
