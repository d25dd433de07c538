// The rooflines of the user-path cases: only the work no implementation can skip, in a child process of its own
// like the CLI (node bench/user-path/roofline.ts KIND ARGS...). Measured from outside by command.ts, so both sides
// pay for a Node process start.
//   run-requests REQUESTS RESULTS DIR: read and parse the requests, one insert per job, write the provider input;
//                                      parse the results, one insert per result, write the CSV.
//   dry-requests FILE / dry-dataset FILE / dry-files DIR: read and parse the input, a chars/4 estimate per job.
import { createReadStream, createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';

async function* lines(path: string): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) yield text.slice(start, nl);
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry) yield carry;
}

class ChunkedWriter {
  private readonly out;
  private chunk = '';
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  async write(text: string): Promise<void> {
    this.chunk += text;
    if (this.chunk.length >= 1 << 20) {
      if (!this.out.write(this.chunk)) await once(this.out, 'drain');
      this.chunk = '';
    }
  }
  async end(): Promise<void> {
    this.out.end(this.chunk);
    await once(this.out, 'finish');
  }
}

type Message = { role: string; content: string };
type Request = { custom_id: string; body: { model: string; max_tokens?: number; messages: Message[] } };

async function runRequests(requests: string, results: string, dir: string): Promise<Record<string, number>> {
  const db = new Database(join(dir, 'roofline.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE jobs (seq INTEGER PRIMARY KEY, id TEXT, spec_json TEXT); CREATE TABLE results (seq INTEGER PRIMARY KEY, text TEXT, input_tokens INTEGER, output_tokens INTEGER)');
  const insertJob = db.prepare('INSERT INTO jobs VALUES (?, ?, ?)');
  const input = new ChunkedWriter(join(dir, 'roofline-input.jsonl'));
  let seq = 0;
  db.exec('BEGIN');
  for await (const line of lines(requests)) {
    const request = JSON.parse(line) as Request;
    insertJob.run(seq, request.custom_id, line);
    await input.write(`${JSON.stringify({ custom_id: `b_${seq}`, method: 'POST', url: '/v1/chat/completions', body: request.body })}\n`);
    seq += 1;
  }
  db.exec('COMMIT');
  await input.end();
  const insertResult = db.prepare('INSERT INTO results VALUES (?, ?, ?, ?)');
  const csv = new ChunkedWriter(join(dir, 'roofline-results.csv'));
  await csv.write('custom_id,output,input_tokens,output_tokens\n');
  let n = 0;
  db.exec('BEGIN');
  for await (const line of lines(results)) {
    const result = JSON.parse(line) as { custom_id: string; response: { body: { choices: { message: { content: string } }[]; usage: { prompt_tokens: number; completion_tokens: number } } } };
    const { body } = result.response;
    const text = body.choices[0]!.message.content;
    insertResult.run(n, text, body.usage.prompt_tokens, body.usage.completion_tokens);
    await csv.write(`${result.custom_id},"${text.replace(/"/g, '""')}",${body.usage.prompt_tokens},${body.usage.completion_tokens}\n`);
    n += 1;
  }
  db.exec('COMMIT');
  await csv.end();
  db.close();
  return { jobs: seq, results: n };
}

async function dryRequests(path: string): Promise<Record<string, number>> {
  let jobs = 0;
  let tokens = 0;
  for await (const line of lines(path)) {
    const request = JSON.parse(line) as Request;
    for (const m of request.body.messages) tokens += Math.ceil(m.content.length / 4);
    jobs += 1;
  }
  return { jobs, tokens };
}

async function dryDataset(path: string): Promise<Record<string, number>> {
  let jobs = 0;
  let tokens = 0;
  for await (const row of createReadStream(path).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>) {
    tokens += Math.ceil(`Classify the experience described in this answer: ${row.answer}`.length / 4);
    jobs += 1;
  }
  return { jobs, tokens };
}

function dryFiles(dir: string): Record<string, number> {
  let jobs = 0;
  let pages = 0;
  let chars = 0;
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    if (name.endsWith('.pdf')) {
      const text = bytes.toString('latin1');
      pages += text.split(/\/Type\s*\/Page(?![A-Za-z])/).length - 1;
      for (const m of text.matchAll(/\(([^)]*)\)\s*Tj/g)) chars += m[1]!.length;
    } else chars += bytes.toString('utf8').length;
    jobs += 1;
  }
  return { jobs, pages, tokens: Math.ceil(chars / 4) };
}

const [kind, ...args] = process.argv.slice(2);
const work: Record<string, () => Promise<Record<string, number>> | Record<string, number>> = {
  'run-requests': () => runRequests(args[0]!, args[1]!, args[2]!),
  'dry-requests': () => dryRequests(args[0]!),
  'dry-dataset': () => dryDataset(args[0]!),
  'dry-files': () => dryFiles(args[0]!),
};
if (!work[kind!]) throw new Error(`unknown roofline ${kind}`);
process.stdout.write(`${JSON.stringify(await work[kind!]!())}\n`);
