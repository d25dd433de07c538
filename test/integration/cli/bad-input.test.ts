// Issue 2 acceptance: bad input exits 2 with a message naming the problem, and nothing is written to the store.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempDir } from '../../helpers/cli.ts';

describe('bad input', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  let home: string;
  beforeAll(() => {
    dir = tempDir();
    home = join(dir.path, 'home');
    env = cleanEnv({ BATCHDESK_HOME: home });
    writeFileSync(join(dir.path, 'ok.txt'), 'fine');
    writeFileSync(join(dir.path, 'rows.csv'), 'id,text\n1,hello\n2,"unterminated\n3,world\n');
    writeFileSync(join(dir.path, 'rows.jsonl'), '{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n{"id":3,text:c}\n');
    writeFileSync(join(dir.path, 'good.csv'), 'id,text\n1,hello\n');
    const line = (id: string) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'demo/echo', messages: [{ role: 'user', content: 'hi' }] } });
    writeFileSync(join(dir.path, 'requests.jsonl'), [line('a'), line('b'), line('a')].join('\n'));
  });
  afterAll(() => dir.cleanup());

  const cases: [string, string[], RegExp][] = [
    ['no inputs', ['run', '--model', 'demo/echo', '--prompt', 'x'], /no inputs/],
    ['unknown model', ['run', '--model', 'nope-9000', '--prompt', 'x', 'ok.txt'], /unknown model "nope-9000"/],
    ['unreadable file', ['run', '--model', 'demo/echo', '--prompt', 'x', 'missing.txt'], /cannot read missing\.txt/],
    ['malformed CSV dataset line', ['run', '--model', 'demo/echo', '--dataset', 'rows.csv', '--template', '{{text}}'], /malformed CSV.*line \d+/],
    ['malformed JSONL dataset line', ['run', '--model', 'demo/echo', '--dataset', 'rows.jsonl', '--template', '{{text}}'], /line 3 is not valid JSON/],
    ['duplicate custom_id in a requests file', ['run', '--requests', 'requests.jsonl'], /line 3: duplicate custom_id "a" \(first on line 1\)/],
    ['template naming a missing column', ['run', '--model', 'demo/echo', '--dataset', 'good.csv', '--template', 'Say {{missing_col}}'], /"missing_col".*columns: id, text/],
    ['bad number', ['run', '--model', 'demo/echo', '--prompt', 'x', 'ok.txt', '--max-tokens', 'lots'], /--max-tokens expects a whole number/],
    ['unknown run', ['status', 'run_doesnotexist'], /no run "run_doesnotexist"/],
  ];

  it.each(cases)('%s → exit 2 naming the problem, store untouched', async (_name, args, message) => {
    const result = await runCli(args, env, { cwd: dir.path });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    if (existsSync(join(home, 'batchdesk.db'))) {
      const db = new Database(join(home, 'batchdesk.db'), { readonly: true });
      expect(db.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM jobs').get()).toEqual({ n: 0 });
      db.close();
    }
  });

  it('usage errors exit 2', async () => {
    const result = await runCli(['frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
