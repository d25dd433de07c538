// The catalog as dated data: every entry says where it came from and when; the registry, on a fake clock, never
// offers a model past its shutdown and refuses new work for it naming the replacement; the lifecycle warning
// fires exactly when a shutdown falls inside [submit, submit + 24 h]; a newer table is validated before use.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/core/clock.ts';
import { lifecycleProblems } from '../../../src/main/core/model-lifecycle.ts';
import { buildRegistry } from '../../../src/main/providers/index.ts';
import { applyPriceTable, loadPriceTable, PriceTableError } from '../../../src/main/providers/catalog/load.ts';
import { snapshotTable, SNAPSHOT_INPUT } from '../../../src/main/providers/catalog/snapshot.ts';
import { RetiredModelError } from '../../../src/main/providers/registry.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600_000;

function registryAt(iso: string) {
  const clock = new ManualClock(at(iso));
  const registry = buildRegistry({ dataFolder: '/nonexistent', clock, keys: { key: async () => null } as never, env: {} });
  return { clock, registry };
}

describe('catalog snapshot', () => {
  it('gives every entry, its price and its lifecycle a source and a checked-on date', () => {
    const table = snapshotTable();
    expect(table.models.length).toBeGreaterThan(20);
    for (const m of table.models) {
      expect(m.source, m.id).toMatch(/^https:\/\//);
      expect(m.checked_on, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.lifecycle.source, m.id).toMatch(/^https:\/\//);
      expect(m.lifecycle.checked_on, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.expected_output.source, m.id).not.toBe('');
      if (m.price) {
        expect(m.price.source, m.id).toMatch(/^https:\/\//);
        expect(m.price.as_of, m.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(m.price.batch_discount, m.id).toBe(0.5);
      }
      // No as-of date after the day the table was checked (dates from the future are typos).
      expect(m.checked_on <= table.checked_on, m.id).toBe(true);
    }
  });

  it('has the families the installed SDKs name and the facts issue 15 quotes', () => {
    const byId = new Map(snapshotTable().models.map((m) => [m.id, m]));
    for (const id of ['openai/gpt-6.1-sol', 'openai/gpt-6-luna', 'anthropic/claude-fable-5-2', 'anthropic/claude-haiku-5-5', 'gemini/gemini-4-argon', 'gemini/gemini-3.8-flash']) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.get('openai/gpt-5.4')!.context_tokens).toBe(1_050_000);
    expect(byId.get('openai/gpt-5.4-mini')!.context_tokens).toBe(400_000);
    expect(byId.get('openai/gpt-5-mini')!.lifecycle).toMatchObject({ status: 'deprecated', shutdown_on: '2026-12-11' });
    for (const id of ['openai/gpt-4.1', 'openai/gpt-4.1-mini', 'openai/gpt-4o-mini']) expect(byId.get(id)!.lifecycle.shutdown_on).toBe('2027-01-14');
    expect(byId.get('gemini/gemini-3-pro-preview')!.lifecycle.shutdown_on).toBe('2026-03-09');
    expect(byId.get('gemini/gemini-2.5-pro')!.lifecycle.shutdown_on).toBe('2026-12-01');
    expect(byId.get('anthropic/claude-opus-5')!.lifecycle.status).toBe('legacy');
    expect(byId.get('anthropic/claude-fable-5-1')!.lifecycle).toMatchObject({ status: 'legacy', replacement: 'anthropic/claude-fable-5-2' });
  });
});

describe('registry lifecycle on a fake clock', () => {
  it('offers no model past its shutdown date, and offers it the day before', () => {
    const { clock, registry } = registryAt('2026-11-30T23:00:00Z');
    expect(registry.models().map((m) => m.id)).toContain('gemini/gemini-2.5-pro');
    expect(registry.models().map((m) => m.id)).not.toContain('gemini/gemini-3-pro-preview');
    clock.set(at('2026-12-01T00:00:00Z'));
    const offered = registry.models().map((m) => m.id);
    expect(offered).not.toContain('gemini/gemini-2.5-pro');
    expect(offered).not.toContain('gemini/gemini-2.5-flash');
    expect(offered).toContain('openai/gpt-5-mini');
    clock.set(at('2026-12-11T00:00:00Z'));
    expect(registry.models().map((m) => m.id)).not.toContain('openai/gpt-5-mini');
    for (const model of registry.models()) {
      const shutdown = model.lifecycle?.shutdown_on;
      if (shutdown) expect(Date.parse(`${shutdown}T00:00:00Z`), model.id).toBeGreaterThan(clock.now());
    }
  });

  it('refuses new work for a retired model naming its replacement, and still prices its old batches', () => {
    const { registry } = registryAt('2026-12-02T09:00:00Z');
    expect(() => registry.resolveForNewWork('gemini/gemini-2.5-pro')).toThrow(RetiredModelError);
    expect(() => registry.resolveForNewWork('gemini/gemini-2.5-pro')).toThrow(/shut down by its provider on 2026-12-01; use gemini\/gemini-3.8-flash instead/);
    // A batch sent before the shutdown is ingested with the catalog price, not as an unknown model.
    const old = registry.resolve('gemini/gemini-2.5-pro');
    expect(old.in_catalog).toBe(true);
    expect(old.price?.input_usd_per_mtok).toBe(1.25);
  });

  it('warns when a shutdown falls inside [submit, submit + 24 h] and not outside it', () => {
    const { registry } = registryAt('2026-12-09T12:00:00Z');
    const model = registry.resolve('openai/gpt-5-mini');
    const shutdown = at('2026-12-11T00:00:00Z');
    const now = at('2026-12-09T12:00:00Z');
    expect(lifecycleProblems(model, shutdown - 24 * HOUR, now).warning).toMatch(/shuts down on 2026-12-11, within 24 h.*gpt-6.1-terra/);
    expect(lifecycleProblems(model, shutdown - 1 * HOUR, now).warning).toMatch(/within 24 h/);
    expect(lifecycleProblems(model, shutdown - 25 * HOUR, now).warning).not.toMatch(/within 24 h/);
    expect(lifecycleProblems(model, shutdown - 25 * HOUR, now).warning).toMatch(/deprecated and shuts down on 2026-12-11/);
    expect(lifecycleProblems(model, shutdown, now).refusal).toMatch(/shut down/);
    expect(registry.resolveForNewWork('openai/gpt-5-mini', shutdown - 2 * HOUR).warning).toMatch(/within 24 h/);
    const current = registry.resolve('openai/gpt-6.1-sol');
    expect(lifecycleProblems(current, now, now)).toEqual({ refusal: null, warning: null });
    expect(lifecycleProblems(registry.resolve('anthropic/claude-opus-5'), now, now).warning).toMatch(/legacy.*claude-opus-5-5/);
  });
});

describe('loading a newer price table', () => {
  it('accepts a table of the snapshot schema and returns its catalog', () => {
    const table = loadPriceTable(JSON.stringify(SNAPSHOT_INPUT), 'prices.json');
    expect(table.models.map((m) => m.id)).toEqual(snapshotTable().models.map((m) => m.id));
  });

  it('serves the loaded table through the registry', () => {
    const newer = structuredClone(SNAPSHOT_INPUT) as { models: { id: string; price: { input_usd_per_mtok: number } | null }[] };
    newer.models.find((m) => m.id === 'openai/gpt-6-luna')!.price!.input_usd_per_mtok = 0.08;
    const { registry } = registryAt('2026-12-01T12:00:00Z');
    applyPriceTable(registry, loadPriceTable(JSON.stringify(newer), 'prices.json'));
    expect(registry.resolve('openai/gpt-6-luna').price!.input_usd_per_mtok).toBe(0.08);
  });

  it('names the origin and the path of what is wrong', () => {
    const broken = structuredClone(SNAPSHOT_INPUT) as { models: Record<string, unknown>[] };
    delete broken.models[3]!.checked_on;
    expect(() => loadPriceTable(JSON.stringify(broken), 'https://example.test/prices.json')).toThrow(PriceTableError);
    expect(() => loadPriceTable(JSON.stringify(broken), 'https://example.test/prices.json')).toThrow(/https:\/\/example.test\/prices.json: not a valid price table: models.3.checked_on/);
    expect(() => loadPriceTable('{nope', 'prices.json')).toThrow(/prices.json: not JSON/);
    expect(() => loadPriceTable(JSON.stringify({ ...SNAPSHOT_INPUT, schema_version: 2 }), 'p.json')).toThrow(/newer than this Batchdesk/);
    const duplicate = { ...SNAPSHOT_INPUT, models: [...SNAPSHOT_INPUT.models, SNAPSHOT_INPUT.models[0]] };
    expect(() => loadPriceTable(JSON.stringify(duplicate), 'p.json')).toThrow(/duplicate model id openai\/gpt-6.1-sol/);
  });
});
