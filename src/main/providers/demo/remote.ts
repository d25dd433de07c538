// The demo provider's "remote service": batches kept as folders under <data>/demo-remote/, so a simulated batch
// outlives the process exactly like a real remote batch does (the kill test depends on it). Its lifecycle is a
// pure function of the clock: validating → in_progress → finalizing → completed (or expired / cancelled).
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BatchStatus } from '../../../shared/domain.ts';
import { crashpoint } from '../../core/crashpoint.ts';

export interface DemoBatchRecord {
  id: string;
  tag: string;
  model: string;
  endpoint: string;
  request_count: number;
  created_at: number;
  cancelled_at: number | null;
  /** Whether any request asks to expire ([[expire]]): the batch then ends expired. */
  expires: boolean;
}

export interface DemoPhase {
  status: BatchStatus;
  /** Requests finished so far. */
  done: number;
  endedAt?: number;
}

export class DemoRemote {
  readonly folder: string;
  readonly lifecycleMs: number;

  constructor(folder: string, lifecycleMs: number) {
    this.folder = folder;
    this.lifecycleMs = lifecycleMs;
  }

  private dir(id: string): string {
    return join(this.folder, id);
  }

  async create(record: Omit<DemoBatchRecord, 'id' | 'cancelled_at'>, inputPath: string): Promise<DemoBatchRecord> {
    const full: DemoBatchRecord = { ...record, id: `demo_batch_${randomUUID().replace(/-/g, '').slice(0, 20)}`, cancelled_at: null };
    // Like a real API, creation is all or nothing: build the batch in a hidden folder, then rename it into place.
    const staging = join(this.folder, `.${full.id}.partial`);
    await mkdir(staging, { recursive: true });
    await copyFile(inputPath, join(staging, 'input.jsonl'));
    await writeFile(join(staging, 'batch.json'), JSON.stringify(full));
    await rename(staging, this.dir(full.id));
    // The remote side has the batch; the caller has not heard back yet.
    crashpoint('after-create-sent');
    return full;
  }

  async get(id: string): Promise<DemoBatchRecord> {
    try {
      return JSON.parse(await readFile(join(this.dir(id), 'batch.json'), 'utf8')) as DemoBatchRecord;
    } catch {
      throw new Error(`demo batch ${id} not found`);
    }
  }

  async list(): Promise<DemoBatchRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const records = await Promise.all(names.filter((name) => !name.startsWith('.')).map((name) => this.get(name).catch(() => null)));
    return records.filter((r): r is DemoBatchRecord => r !== null);
  }

  async cancel(id: string, now: number): Promise<DemoBatchRecord> {
    const record = await this.get(id);
    if (record.cancelled_at === null && this.phase(record, now).status !== 'completed') {
      record.cancelled_at = now;
      const temp = join(this.dir(id), 'batch.json.partial');
      await writeFile(temp, JSON.stringify(record));
      await rename(temp, join(this.dir(id), 'batch.json'));
    }
    return record;
  }

  inputPath(id: string): string {
    return join(this.dir(id), 'input.jsonl');
  }

  /** Where a batch stands at `now`. */
  phase(record: DemoBatchRecord, now: number): DemoPhase {
    const total = record.request_count;
    const progressAt = (t: number) => Math.max(0, Math.min(1, (t - record.created_at) / this.lifecycleMs));
    const doneAt = (t: number) => {
      const p = progressAt(t);
      return p < 0.1 ? 0 : Math.min(total, Math.floor((total * (p - 0.1)) / 0.75));
    };
    if (record.cancelled_at !== null) {
      const settle = record.cancelled_at + Math.max(1, this.lifecycleMs * 0.05);
      return now < settle
        ? { status: 'cancelling', done: doneAt(record.cancelled_at) }
        : { status: 'cancelled', done: doneAt(record.cancelled_at), endedAt: settle };
    }
    const p = progressAt(now);
    if (p < 0.1) return { status: 'validating', done: 0 };
    if (p < 0.85) return { status: 'in_progress', done: doneAt(now) };
    if (p < 1) return { status: 'finalizing', done: total };
    return { status: record.expires ? 'expired' : 'completed', done: total, endedAt: record.created_at + this.lifecycleMs };
  }
}
