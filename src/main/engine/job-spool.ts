// A run's checked jobs on disk while it is being created: the input is read once, each job checked and written
// here as one line, and the plan is then made (and the run stored) by reading the lines back. So run creation holds
// a few megabytes, not every job of a 100,000-job run. Reading is synchronous: the store writes a run in one
// transaction, and a better-sqlite3 transaction cannot span an await.
// A huge job (a 10 MB prompt) is held in memory instead, up to a budget: encoding it to JSON, writing, reading and
// parsing it back each hold the event loop for tens of milliseconds, and an estimate never needs its JSON at all.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { JobSpec } from '../../shared/domain.ts';
import { jobTextChars } from '../core/tokens.ts';

/** Lines are encoded straight into buffers of this size, one write (and one read) each. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const TAB = 0x09;
/** A job with this much text or more is held in memory (while the budget lasts), not spooled. */
export const HELD_JOB_CHARS = 256 * 1024;
/** Most text held in memory across held jobs: beyond it, huge jobs are spooled like the rest. */
export const HELD_BUDGET_CHARS = 64 * 1024 * 1024;

export interface SpooledJob {
  /** Index of the job's model in the caller's list of models. */
  model: number;
  /** Input tokens by the provider's rule (before the sample's correction). */
  ruleTokens: number;
  spec: JobSpec;
  /** The spec as JSON (encoded on demand for a held job). */
  json(): string;
}

interface HeldJob {
  model: number;
  ruleTokens: number;
  spec: JobSpec;
}

export class JobSpool {
  readonly path: string;
  private readonly fd: number;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Held jobs in the order added; each has an empty line in the file, where its JSON would be. */
  private readonly held: HeldJob[] = [];
  private heldChars = 0;
  count = 0;

  constructor(folder: string) {
    mkdirSync(folder, { recursive: true });
    this.path = join(folder, `create-${randomUUID()}.spool`);
    this.fd = openSync(this.path, 'w+');
  }

  /** One line: model, rule tokens and JSON, tab-separated (JSON escapes tabs and newlines inside its strings). */
  add(model: number, ruleTokens: number, spec: JobSpec): void {
    const chars = jobTextChars(spec);
    const hold = chars >= HELD_JOB_CHARS && this.heldChars + chars <= HELD_BUDGET_CHARS;
    if (hold) {
      this.held.push({ model, ruleTokens, spec });
      this.heldChars += chars;
    }
    this.write(`${model}\t${ruleTokens}\t${hold ? '' : JSON.stringify(spec)}\n`);
    this.count += 1;
  }

  private write(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that, and the line is encoded in one pass.
    const room = line.length * 3;
    if (this.used + room > this.chunk.length) {
      this.flush();
      if (room > this.chunk.length) this.chunk = Buffer.allocUnsafe(room);
    }
    this.used += this.chunk.write(line, this.used);
  }

  private flush(): void {
    if (this.used > 0) writeSync(this.fd, this.chunk, 0, this.used);
    this.used = 0;
  }

  /** Every job in the order added, read a megabyte at a time; each line is decoded on its own. */
  *jobs(): Generator<SpooledJob> {
    this.flush();
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let held = 0;
    let nextHeld = 0;
    for (let position = 0; ; ) {
      if (held === buffer.length) {
        // One line longer than the buffer: grow it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, held);
        buffer = larger;
      }
      const read = readSync(this.fd, buffer, held, buffer.length - held, position);
      position += read;
      const end = held + read;
      let start = 0;
      for (let newline = buffer.indexOf(NEWLINE, start); newline !== -1 && newline < end; newline = buffer.indexOf(NEWLINE, start)) {
        const first = buffer.indexOf(TAB, start);
        const second = buffer.indexOf(TAB, first + 1);
        if (second + 1 === newline) {
          const job = this.held[nextHeld++]!;
          yield { ...job, json: () => JSON.stringify(job.spec) };
        } else {
          const json = buffer.toString('utf8', second + 1, newline);
          yield { model: Number(buffer.toString('latin1', start, first)), ruleTokens: Number(buffer.toString('latin1', first + 1, second)), spec: JSON.parse(json) as JobSpec, json: () => json };
        }
        start = newline + 1;
      }
      if (read === 0) return;
      // Keep the unfinished line at the front for the next read.
      buffer.copy(buffer, 0, start, end);
      held = end - start;
    }
  }

  dispose(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.path, { force: true });
  }
}
