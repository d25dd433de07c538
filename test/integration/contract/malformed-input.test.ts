// 1,000 generated malformed payloads per operation (fast-check): arbitrary values and mutations of valid inputs
// that the operation's schema rejects. Each must come back as a typed invalid_input error through the
// dispatcher, nothing may be thrown or left as an unhandled rejection, and the same holds over real HTTP.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractErrorSchema, HTTP_STATUS_BY_CODE, operations, type OperationName } from '../../../src/shared/contract.ts';
import { openEngine, type Engine } from './harness.ts';
import { startLocalServer, type LocalServer } from '../../../src/main/server/index.ts';

const NAMES = Object.keys(operations) as OperationName[];

/** One valid input per operation, the seed of the mutations. */
function validInputs(engine: Engine): Record<OperationName, Record<string, unknown>> {
  const file = join(engine.inputs, 'alpha.txt');
  const newRun = { files: [file], models: ['demo/echo'], prompt: 'P' };
  return {
    'runs.estimate': newRun,
    'runs.create': newRun,
    'runs.list': { limit: 10 },
    'runs.get': { run_id: 'run_x' },
    'runs.timeline': { run_id: 'run_x' },
    'runs.jobs': { run_id: 'run_x', status: ['failed'], limit: 10 },
    'runs.job': { run_id: 'run_x', job_id: 'j' },
    'runs.compare': { run_id: 'run_x', limit: 5 },
    'runs.cancel': { run_id: 'run_x' },
    'runs.retry': { run_id: 'run_x' },
    'runs.release': { run_id: 'run_x' },
    'runs.schedule': { run_id: 'run_x', at: 1 },
    'runs.check': { run_id: 'run_x' },
    'models.refresh': { table_json: '{}' },
    'runs.export': { run_id: 'run_x', format: 'csv' },
    'runs.openFolder': { run_id: 'run_x' },
    'runs.agreement': { run_id: 'run_x', field: 'label' },
    'runs.agreementCsv': { run_id: 'run_x', field: 'label', gold: 'truth' },
    'runs.agreementUnits': { run_id: 'run_x', field: 'label', pair: ['demo/echo', 'demo/mini'] },
    'runs.bundle': { run_id: 'run_x', dir: file },
    'runs.rawFiles': { run_id: 'run_x' },
    'runs.downloadRawFiles': { run_id: 'run_x', provider_batch_id: 'pb_x' },
    'models.list': {},
    'settings.get': {},
    'settings.update': { notifications: true },
    'keys.status': {},
    'keys.set': { provider: 'openai', key: 'sk-fuzz-0000000000' },
    'keys.delete': { provider: 'openai' },
    'files.types': {},
    'files.describe': { paths: [file] },
    'files.pick': { folders: false },
  };
}

function malformed(name: OperationName, valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const mutation = fc.oneof(
    fc.anything(),
    fc.constantFrom(null, 0, '', [], 'run_x', true),
    keys.length ? fc.tuple(fc.constantFrom(...keys), fc.anything()).map(([key, value]) => ({ ...valid, [key]: value })) : fc.anything(),
    keys.length ? fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))) : fc.constant(null),
    fc.constant([valid]),
    fc.constant(JSON.stringify(valid)),
    fc.tuple(fc.constantFrom(...keys, 'limit', 'after', 'paths'), fc.oneof(fc.double(), fc.string(), fc.constant(-1), fc.constant(1e12))).map(([key, value]) => ({ ...valid, [key]: value })),
  );
  return mutation.filter((input) => !operations[name].input.safeParse(input).success);
}

describe('malformed payloads', () => {
  let engine: Engine;
  let server: LocalServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    engine = await openEngine({ startMonitor: false });
    server = await startLocalServer({ host: engine.host, rendererDir: join(engine.home, 'none'), allowDirs: [engine.inputs] });
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await server?.close();
    await engine?.close();
  });

  it.each(NAMES)('%s: 1,000 malformed inputs → typed invalid_input errors from the dispatcher', async (name) => {
    const seeds = validInputs(engine);
    await fc.assert(
      fc.asyncProperty(malformed(name, seeds[name]), async (input) => {
        const result = await engine.service.invoke(name, input);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(ContractErrorSchema.safeParse(result.error).success).toBe(true);
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.problems?.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    expect(unhandled).toEqual([]);
  });

  it('unknown operation names and non-string names are typed errors too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything().filter((n) => typeof n !== 'string' || !(n in operations)), fc.anything(), async (name, input) => {
        const result = await engine.service.invoke(name, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }),
      { numRuns: 1000 },
    );
  });

  it.each(NAMES)('%s: malformed JSON bodies over HTTP → 400 with a typed error', async (name) => {
    const seeds = validInputs(engine);
    await fc.assert(
      fc.asyncProperty(malformed(name, seeds[name]).filter((input) => input !== undefined), async (input) => {
        const response = await fetch(`http://127.0.0.1:${server.port}/api/call/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(input) ?? 'null',
        });
        const body = (await response.json()) as { error?: unknown };
        // JSON cannot carry every generated value (undefined inside objects vanishes), so a body may become valid.
        if (response.status === 200) return;
        const parsed = ContractErrorSchema.parse(body.error);
        expect(response.status).toBe(HTTP_STATUS_BY_CODE[parsed.code]);
        expect(parsed.code).not.toBe('internal');
      }),
      { numRuns: 60 },
    );
    expect(unhandled).toEqual([]);
  });

  it('a body that is not JSON is a typed 400', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/call/runs.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{"run_id": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
