// `batchdesk serve` prints both tokens (the admin token only in the URL fragment, the gateway token for scripts),
// takes fixed ones from BATCHDESK_SERVE_TOKEN / BATCHDESK_GATEWAY_TOKEN, and --allow-dir opens a folder to the UI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, startCli, tempDir } from '../../helpers/cli.ts';

const ADMIN = 'a'.repeat(20) + 'dmin-token-fixed-0001';
const GATEWAY = 'g'.repeat(20) + 'ateway-token-fixed-01';

/** Start serve, wait for its banner, run `check`, then stop it with SIGTERM. */
async function withServe(args: string[], env: NodeJS.ProcessEnv, check: (banner: string) => Promise<void>): Promise<void> {
  const child = startCli(['serve', '--port', '0', '--no-open', ...args], env);
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in 20 s:\n${output}`)), 20_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/OPENAI_API_KEY=\S+/.test(output) && /Files /.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    await check(output);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('batchdesk serve', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = tempDir();
    env = cleanEnv({ BATCHDESK_HOME: join(dir.path, 'home'), BATCHDESK_KEYCHAIN: 'off' });
  });
  afterEach(() => dir.cleanup());

  it('prints the admin URL with the token after # and a separate gateway token; env vars fix both', async () => {
    const folder = join(dir.path, 'papers');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'allowed text');
    await withServe(['--allow-dir', folder], { ...env, BATCHDESK_SERVE_TOKEN: ADMIN, BATCHDESK_GATEWAY_TOKEN: GATEWAY }, async (banner) => {
      const url = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(banner);
      expect(url?.[2]).toBe(ADMIN);
      expect(banner).toMatch(new RegExp(`OPENAI_API_KEY=${GATEWAY}`));
      expect(banner).not.toMatch(/\?token=/);
      expect(banner).toContain(folder);
      const origin = `http://127.0.0.1:${url![1]}`;
      const v1 = await fetch(`${origin}/v1/batches`, { headers: { authorization: `Bearer ${GATEWAY}` } });
      expect(v1.status).toBe(200);
      const api = (token: string, input: unknown) =>
        fetch(`${origin}/api/call/runs.estimate`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
      expect((await api(GATEWAY, {})).status).toBe(403);
      const estimate = { files: [join(folder, 'a.txt')], models: ['demo/echo'], prompt: 'P' };
      expect((await api(ADMIN, estimate)).status).toBe(200);
      expect((await api(ADMIN, { ...estimate, files: [join(dir.path, 'home', 'batchdesk.db')] })).status).toBe(403);
    });
  }, 60_000);

  it('refuses a missing --allow-dir folder, a weak token and equal tokens with exit code 2', async () => {
    const missing = await runCli(['serve', '--no-open', '--allow-dir', join(dir.path, 'nope')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--allow-dir .*nope: no such folder/);
    const weak = await runCli(['serve', '--no-open'], { ...env, BATCHDESK_GATEWAY_TOKEN: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('BATCHDESK_GATEWAY_TOKEN must be');
    const same = await runCli(['serve', '--no-open'], { ...env, BATCHDESK_SERVE_TOKEN: ADMIN, BATCHDESK_GATEWAY_TOKEN: ADMIN });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('must differ');
  }, 60_000);
});
