// A run's checked jobs on disk while it is being created: the input is read once, each job checked and written
// here as one line, and the plan is then made (and the run stored) by reading the lines back. So run creation holds
// a few megabytes, not every job of a 100,000-job run. Reading is synchronous: the store writes a run in one
// transaction, and a better-sqlite3 transaction cannot span an await.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** Lines are encoded straight into buffers of this size, one write (and one read) each. */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const TAB = 0x09;

export interface SpooledJob {
  /** Index of the job's model in the caller's list of models. */
  model: number;
  /** Input tokens by the provider's rule (before the sample's correction). */
  ruleTokens: number;
  /** The job spec as JSON. */
  json: string;
}

export class JobSpool {
  readonly path: string;
  private readonly fd: number;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  count = 0;

  constructor(folder: string) {
    mkdirSync(folder, { recursive: true });
    this.path = join(folder, `create-${randomUUID()}.spool`);
    this.fd = openSync(this.path, 'w+');
  }

  /** One line: model, rule tokens and JSON, tab-separated (JSON escapes tabs and newlines inside its strings). */
  add(job: SpooledJob): void {
    const line = `${job.model}\t${job.ruleTokens}\t${job.json}\n`;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that, and the line is encoded in one pass.
    const room = line.length * 3;
    if (this.used + room > this.chunk.length) {
      this.flush();
      if (room > this.chunk.length) this.chunk = Buffer.allocUnsafe(room);
    }
    this.used += this.chunk.write(line, this.used);
    this.count += 1;
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
        yield { model: Number(buffer.toString('latin1', start, first)), ruleTokens: Number(buffer.toString('latin1', first + 1, second)), json: buffer.toString('utf8', second + 1, newline) };
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
