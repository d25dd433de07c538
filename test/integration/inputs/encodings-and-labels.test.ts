// Issue 12 acceptance: text inputs in Windows-1252, UTF-16 and UTF-8 with a BOM reach the provider with the right
// characters (never U+FFFD), and two inputs of the same name in different folders stay apart in the export.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';
import { startFakes, type Fakes } from '../../helpers/fakes.ts';

const WORDS = ['Café', '€', 'Zürich'];
let dir: ReturnType<typeof tempDir>;
let fakes: Fakes;

beforeAll(async () => {
  dir = tempDir('bd-encodings-');
  fakes = await startFakes();
});
afterAll(async () => {
  await fakes.close();
  dir.cleanup();
});

/** What the fake OpenAI received in uploaded input files since `from`. */
const uploadedSince = (from: number) => fakes.openai.receivedBodies().slice(from).join('\n');

describe('text encodings reach the provider decoded', () => {
  const cases: [string, string[], (path: string) => void][] = [
    ['a Windows-1252 CSV dataset', ['--dataset', 'prices.csv', '--template', 'Price at {{place}}: {{price}}'], (p) =>
      writeFileSync(join(p, 'prices.csv'), Buffer.from('id,place,price\n1,Café Zürich,€2\n2,Bäckerei,€3\n', 'latin1').map((b) => (b === 0xac ? 0x80 : b)))],
    ['a UTF-16 text file', ['--prompt', 'Summarise', 'menu16.txt'], (p) =>
      writeFileSync(join(p, 'menu16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café in Zürich: €2 a cup', 'utf16le')]))],
    ['a UTF-8 file with a BOM', ['--prompt', 'Summarise', 'menu8.txt'], (p) =>
      writeFileSync(join(p, 'menu8.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café in Zürich: €2 a cup', 'utf8')]))],
  ];

  it.each(cases)('%s', async (_name, args, write) => {
    write(dir.path);
    const from = fakes.openai.receivedBodies().length;
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, `home-${from}`), ...fakes.env });
    const result = await runCli(['run', '--model', 'openai/gpt-4.1-mini', ...args, '--wait'], env, { cwd: dir.path });
    expect(result.stderr).not.toMatch(/batchdesk:/);
    const sent = uploadedSince(from);
    for (const word of WORDS) expect(sent).toContain(word);
    expect(sent).not.toContain('\uFFFD');
    expect(sent).not.toMatch(/\\ufffd/i);
  }, 60_000);

  it('a file whose encoding cannot be told is refused with the line and --encoding; --encoding sends it', async () => {
    // KOI8-R Cyrillic ("Привет" on line 2): neither UTF-8 nor Western European.
    writeFileSync(join(dir.path, 'greeting.txt'), Buffer.concat([Buffer.from('Greeting:\n'), Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x0a])]));
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home-koi8'), ...fakes.env });
    const refused = await runCli(['run', '--model', 'demo/echo', '--prompt', 'Translate', 'greeting.txt'], env, { cwd: dir.path });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/greeting\.txt: line 2 is not valid UTF-8 .*--encoding NAME/);
    const from = fakes.openai.receivedBodies().length;
    const sent = await runCli(['run', '--model', 'openai/gpt-4.1-mini', '--prompt', 'Translate', '--encoding', 'koi8-r', 'greeting.txt', '--wait'], env, { cwd: dir.path });
    expect(sent.code).toBe(0);
    expect(uploadedSince(from)).toContain('Привет');
  }, 60_000);
});

describe('labels', () => {
  it('two notes.txt in different folders export as x/notes.txt and y/notes.txt', async () => {
    for (const folder of ['x', 'y']) {
      mkdirSync(join(dir.path, 'docs', folder), { recursive: true });
      writeFileSync(join(dir.path, 'docs', folder, 'notes.txt'), `notes of ${folder}`);
    }
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home-labels') });
    const run = await runCli(['run', '--model', 'demo/echo', '--prompt', 'Summarise', 'docs', '--wait', '--json'], env, { cwd: dir.path });
    expect(run.code).toBe(0);
    const runId = JSON.parse(run.stdout.split('\n')[0]!).run_id as string;
    const csv = await runCli(['results', runId, '--format', 'csv'], env);
    const rows = parse(csv.stdout, { columns: true }) as { input: string; job_id: string }[];
    expect(rows.map((r) => r.input).sort()).toEqual(['x/notes.txt', 'y/notes.txt']);
    expect(new Set(rows.map((r) => r.job_id)).size).toBe(2);
  }, 60_000);

  it('dataset rows are named by their id column, or by --id-column, else by row number', async () => {
    writeFileSync(join(dir.path, 'answers.csv'), 'respondent,answer\nR-17,Yes\nR-18,No\n');
    const env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home-ids') });
    const byColumn = JSON.parse((await runCli(['run', '--model', 'demo/echo', '--dataset', 'answers.csv', '--template', '{{answer}}', '--id-column', 'respondent', '--dry-run', '--json'], env, { cwd: dir.path })).stdout);
    expect(byColumn.preview.map((p: { job_id: string }) => p.job_id)).toEqual(['R-17', 'R-18']);
    const byRow = JSON.parse((await runCli(['run', '--model', 'demo/echo', '--dataset', 'answers.csv', '--template', '{{answer}}', '--dry-run', '--json'], env, { cwd: dir.path })).stdout);
    expect(byRow.preview.map((p: { job_id: string }) => p.job_id)).toEqual(['row-1', 'row-2']);
    const missing = await runCli(['run', '--model', 'demo/echo', '--dataset', 'answers.csv', '--template', '{{answer}}', '--id-column', 'nope'], env, { cwd: dir.path });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--id-column "nope" is not a column of .*answers\.csv \(its columns: respondent, answer\)/);
  }, 60_000);
});
