// An engine on a temp data folder with a manual clock: tests drive time and monitor passes themselves.
import { ManualClock } from '../../src/main/core/clock.ts';
import { EngineHost } from '../../src/main/api/engine-host.ts';
import { createRun, type RunDraft } from '../../src/main/engine/create-run.ts';
import type { JobSpec } from '../../src/shared/domain.ts';
import { cleanEnv, tempDir } from './cli.ts';

export interface TestEngine {
  host: EngineHost;
  clock: ManualClock;
  home: string;
  create(draft: RunDraft): Promise<string>;
  /** Advance the clock in steps, running a monitor pass after each, until `done()` or `maxMs`. */
  runFor(maxMs: number, stepMs?: number, done?: () => boolean): Promise<void>;
  close(): Promise<void>;
}

export function textJobs(count: number, model = 'demo/echo', text = (i: number) => `item ${i}: some words to process`): JobSpec[] {
  return Array.from({ length: count }, (_, i) => ({ id: `j${i}`, label: `item-${i}`, model, endpoint: 'chat', params: {}, messages: [{ role: 'user', content: text(i) }] }));
}

export function testEngine(env: Record<string, string> = {}): TestEngine {
  const dir = tempDir();
  const clock = new ManualClock();
  const host = new EngineHost({ home: dir.path, clock, env: cleanEnv({ BATCHDESK_DEMO_SECONDS: '10', ...env }), settings: { pollIntervalMs: 1000, maxPollIntervalMs: 5000 } });
  return {
    host,
    clock,
    home: dir.path,
    async create(draft) {
      return (await createRun(host.ctx, draft, { requireKeys: true })).runId;
    },
    async runFor(maxMs, stepMs = 1000, done = () => false) {
      for (let t = 0; t <= maxMs && !done(); t += stepMs) {
        await host.monitor.tick();
        clock.advance(stepMs);
      }
      await host.monitor.tick();
    },
    async close() {
      await host.close();
      dir.cleanup();
    },
  };
}
