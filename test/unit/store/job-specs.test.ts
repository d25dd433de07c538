// Specs live in their own table (migration 4): a job read back carries its spec, result ingestion learns which
// jobs have a JSON Schema without reading the others' specs, and a retry that changes the spec is kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSpec } from '../../../src/shared/domain.ts';
import type { JobRow } from '../../../src/main/store/repositories/jobs.ts';
import type { RunOptions } from '../../../src/main/store/repositories/runs.ts';
import { Store } from '../../../src/main/store/store.ts';
import { tempDir } from '../../helpers/cli.ts';

const SCHEMA = { type: 'object', properties: { species: { type: 'string' } }, required: ['species'] };

function spec(id: string, schema?: typeof SCHEMA): JobSpec {
  return { id, label: `${id}.jpg`, model: 'openai/gpt-4.1-mini', endpoint: 'chat', params: {}, messages: [{ role: 'user', content: `Identify ${id}` }], ...(schema ? { schema } : {}) };
}

function job(seq: number, jobSpec: JobSpec): JobRow {
  return {
    run_id: 'run1', seq, id: jobSpec.id, label: jobSpec.label, model: jobSpec.model, provider: 'openai', spec: jobSpec, status: 'pending', attempts: 0,
    provider_batch_id: 'pb1', estimated_input_tokens: null, estimated_output_tokens: null, estimated_usd: null, error: null, error_category: null, updated_at: 1,
  };
}

describe('job specs', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = Store.open(dir.path);
    store.runs.insert({
      id: 'run1', name: 'birds', status: 'running', created_at: 1, updated_at: 1, finished_at: null, scheduled_at: null, deadline_at: null,
      cost_limit_usd: null, estimated_usd: null, options: {} as RunOptions, simulated: false,
    });
    store.tx(() => {
      store.jobs.insert(job(0, spec('plain')));
      store.jobs.insert(job(1, spec('structured', SCHEMA)));
    });
  });
  afterEach(() => {
    store.close();
    dir.cleanup();
  });

  it('reads each job back with its own spec, by seq, by id, in pages and per batch', () => {
    expect(store.jobs.get('run1', 1)!.spec).toEqual(spec('structured', SCHEMA));
    expect(store.jobs.byId('run1', 'plain')!.spec).toEqual(spec('plain'));
    expect([...store.jobs.iterateBatch('pb1')].map((j) => j.spec.id)).toEqual(['plain', 'structured']);
    expect(store.jobs.page('run1', { search: 'struct' }, 10).map((j) => j.spec)).toEqual([spec('structured', SCHEMA)]);
    expect(store.jobs.get('run1', 0)).not.toHaveProperty('has_schema');
  });

  it('gives ingestion each job of a batch with its schema, or null when it has none', () => {
    expect(store.jobs.schemasInBatch('pb1')).toEqual(new Map([[0, null], [1, SCHEMA]]));
  });

  it('keeps the new spec of a retried job, schema included', () => {
    store.jobs.resetForRetry('run1', 0, 'openai/gpt-4.1', 'openai', { ...spec('plain', SCHEMA), model: 'openai/gpt-4.1' }, null, 2);
    store.jobs.resetForRetry('run1', 1, 'openai/gpt-4.1', 'openai', { ...spec('structured'), model: 'openai/gpt-4.1' }, null, 2);
    expect(store.jobs.get('run1', 0)!.spec).toMatchObject({ model: 'openai/gpt-4.1', schema: SCHEMA });
    store.jobs.assignBatch('run1', [0, 1], 'pb2', 3);
    expect(store.jobs.schemasInBatch('pb2')).toEqual(new Map([[0, SCHEMA], [1, null]]));
  });
});
