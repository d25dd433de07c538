// Without a keychain (headless Linux without a Secret Service, or keytar missing), every key operation fails
// with one clear error that names the environment variables to use instead, and nothing else breaks: keys
// still come from the environment, the service answers `unavailable`, the CLI explains and exits 1.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/main/api/engine-host.ts';
import { createService } from '../../../src/main/api/service/index.ts';
import { createKeychainVault, KeychainUnavailableError } from '../../../src/main/secrets/keychain.ts';
import { KeyResolver } from '../../../src/main/secrets/keys.ts';

const noSecretService = process.env.BATCHDESK_KEYCHAIN_TEST !== '1' && process.platform === 'linux';
const cli = join(import.meta.dirname, '..', '..', '..', 'bin', 'batchdesk.mjs');
const headless = () => {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
};

describe('no keychain available', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'bd-nokeychain-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('a keytar that cannot load gives the clear error, naming the environment variables', async () => {
    const vault = createKeychainVault({ load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) });
    const error = await vault.set('openai', 'sk-not-stored-123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toMatch(/OPENAI_API_KEY \(openai\), ANTHROPIC_API_KEY \(anthropic\), GEMINI_API_KEY \(gemini\)/);
    expect((error as Error).message).not.toContain('sk-not-stored-123');
    // Keys still resolve from the environment; the keychain failure reads as "not set".
    const resolver = new KeyResolver(vault, { OPENAI_API_KEY: 'sk-env-1234567' });
    expect(await resolver.key('openai')).toBe('sk-env-1234567');
    expect(await resolver.status('anthropic')).toMatchObject({ set: false });
  });

  it.runIf(noSecretService)('the real keytar without a Secret Service gives the clear error', async () => {
    const script = `import { createKeychainVault } from ${JSON.stringify(join(import.meta.dirname, '..', '..', '..', 'src', 'main', 'secrets', 'keychain.ts'))};
      try { await createKeychainVault().get('openai'); console.log('NO ERROR'); } catch (e) { console.log(e.name + ': ' + e.message); }`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: headless(), encoding: 'utf8' });
    expect(result.stdout).toMatch(/^KeychainUnavailableError: No OS keychain is available/);
    expect(result.stdout).toContain('OPENAI_API_KEY');
  });

  it('the service answers keys.set with a typed `unavailable` error', async () => {
    const failing = createKeychainVault({ load: () => Promise.reject(new Error('no D-Bus')) });
    const host = new EngineHost({ home: join(home, 'svc'), vault: failing, env: {} });
    try {
      const result = await createService(host).invoke('keys.set', { provider: 'gemini', key: 'AIza-not-stored-1234' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(JSON.stringify(result)).toContain('GEMINI_API_KEY');
      expect(JSON.stringify(result)).not.toContain('AIza-not-stored-1234');
      const none = await createService(new EngineHost({ home: join(home, 'none'), vault: null, env: {} })).invoke('keys.delete', { provider: 'openai' });
      expect(none).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await host.close();
    }
  });

  it.runIf(noSecretService)('`batchdesk keys set` explains and exits 1; `keys list` shows the environment as the source', () => {
    const env = { ...headless(), BATCHDESK_HOME: join(home, 'cli'), OPENAI_API_KEY: 'sk-env-7654321', ANTHROPIC_API_KEY: '', GEMINI_API_KEY: '', GOOGLE_API_KEY: '' };
    const set = spawnSync(process.execPath, [cli, 'keys', 'set', 'anthropic'], { env, input: 'sk-ant-stdin-secret-1\n', encoding: 'utf8' });
    expect(set.status).toBe(1);
    expect(set.stderr).toContain('No OS keychain is available');
    expect(set.stderr).toContain('ANTHROPIC_API_KEY');
    expect(set.stdout + set.stderr).not.toContain('sk-ant-stdin-secret-1');
    const list = spawnSync(process.execPath, [cli, 'keys', 'list'], { env, encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/openai\s+set\s+environment \(OPENAI_API_KEY\)/);
    expect(list.stdout).toMatch(/anthropic\s+not set/);
    expect(list.stdout).not.toContain('sk-env-7654321');
  });

  it('`batchdesk keys set` never takes the key as an argument', () => {
    const env = { ...headless(), BATCHDESK_HOME: join(home, 'cli2') };
    const result = spawnSync(process.execPath, [cli, 'keys', 'set', 'openai', 'sk-on-the-command-line'], { env, input: '', encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/too many arguments|unknown/i);
  });
});
