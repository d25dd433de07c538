// Case 6: the monitor at rest with 20 live provider batches and a 60 s poll interval: CPU used over a window.
// Roofline: a Node process that only sleeps on a 60 s timer for the same window.
import { EngineHost } from '../../src/main/api/engine-host.ts';
import type { Case } from '../harness.ts';

export function project(home: string, windowMs: number): Case {
  return { run: () => projectIdle(home, windowMs) };
}

async function projectIdle(home: string, windowMs: number): Promise<Record<string, number>> {
  const host = new EngineHost({ home, env: { BATCHDESK_DEMO_SECONDS: '86400' }, settings: { pollIntervalMs: 60_000, maxPollIntervalMs: 60_000 } });
  await host.monitor.tick();
  const before = process.cpuUsage();
  const start = performance.now();
  host.monitor.start({ keepAlive: true });
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const used = process.cpuUsage(before);
  const elapsed = performance.now() - start;
  await host.close();
  return { cpu_percent: ((used.user + used.system) / 1000 / elapsed) * 100 };
}

export function roofline(_home: string, windowMs: number): Case {
  return { run: () => rooflineIdle(windowMs) };
}

async function rooflineIdle(windowMs: number): Promise<Record<string, number>> {
  const before = process.cpuUsage();
  const start = performance.now();
  const timer = setInterval(() => undefined, 60_000);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  clearInterval(timer);
  const used = process.cpuUsage(before);
  return { cpu_percent: ((used.user + used.system) / 1000 / (performance.now() - start)) * 100 };
}
