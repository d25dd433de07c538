// A run's checked jobs on disk while it is being created: the input is read once, each job checked and written
// here as one line, and the plan is then made (and the run stored) by reading the lines back. So run creation holds
// a few megabytes, not every job of a 100,000-job run. Reading is synchronous: the store writes a run in one
// transaction, and a better-sqlite3 transaction cannot span an await.
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

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
  private fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  count = 0;

  constructor(folder: string) {
    mkdirSync(folder, { recursive: true });
    this.path = join(folder, `create-${randomUUID()}.spool`);
    this.fd = openSync(this.path, 'w+');
  }

  /** JSON escapes tabs and newlines inside strings, so both can frame a line. */
  add(job: SpooledJob): void {
    const line = `${job.model}\t${job.ruleTokens}\t${job.json}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    this.count += 1;
    if (this.pendingChars >= CHUNK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** Every job in the order added, read a megabyte at a time. */
  *jobs(): Generator<SpooledJob> {
    this.flush();
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    // A chunk may end inside a UTF-8 sequence: the decoder keeps the incomplete tail for the next chunk.
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for (let position = 0; ; ) {
      const read = readSync(this.fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      position += read;
      const text = carry + decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        const first = text.indexOf('\t', start);
        const second = text.indexOf('\t', first + 1);
        yield { model: Number(text.slice(start, first)), ruleTokens: Number(text.slice(first + 1, second)), json: text.slice(second + 1, newline) };
        start = newline + 1;
      }
      carry = text.slice(start);
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
