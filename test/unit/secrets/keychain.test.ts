// The real OS keychain through keytar: set, read, delete, as the app and the CLI do it. Needs a Secret Service:
// scripts/test-keychain.sh starts one (dbus-run-session + gnome-keyring) and runs this file with
// BATCHDESK_KEYCHAIN_TEST=1; elsewhere it is skipped (keychain-unavailable.test.ts covers the other case).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeychainVault, KEYCHAIN_SERVICE } from '../../../src/main/secrets/keychain.ts';
import { KeyResolver } from '../../../src/main/secrets/keys.ts';

const enabled = process.env.BATCHDESK_KEYCHAIN_TEST === '1';
const cli = join(import.meta.dirname, '..', '..', '..', 'bin', 'batchdesk.mjs');

describe.runIf(enabled)('real keychain (Secret Service)', () => {
  it('sets, reads and deletes a key; the environment still overrides it', async () => {
    const vault = createKeychainVault({ service: `${KEYCHAIN_SERVICE}-test-${randomUUID()}` });
    const key = `sk-keychain-${randomUUID()}`;
    expect(await vault.get('anthropic')).toBeNull();
    await vault.set('anthropic', key);
    expect(await vault.get('anthropic')).toBe(key);
    expect(await new KeyResolver(vault, {}).status('anthropic')).toEqual({ provider: 'anthropic', set: true, source: 'keychain', env_var: null, env_vars: ['ANTHROPIC_API_KEY'] });
    expect(await new KeyResolver(vault, { ANTHROPIC_API_KEY: 'sk-from-env-123' }).key('anthropic')).toBe('sk-from-env-123');
    expect(await vault.delete('anthropic')).toBe(true);
    expect(await vault.get('anthropic')).toBeNull();
    expect(await vault.delete('anthropic')).toBe(false);
  });

  it('`batchdesk keys set` reads the key from stdin into the keychain; list and delete follow', async () => {
    const home = await mkdtemp(join(tmpdir(), 'bd-keys-'));
    const key = `sk-cli-${randomUUID()}`;
    const env = { ...process.env, BATCHDESK_HOME: home, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', GEMINI_API_KEY: '', GOOGLE_API_KEY: '' };
    const run = (args: string[], input = '') => spawnSync(process.execPath, [cli, ...args], { env, input, encoding: 'utf8' });
    try {
      const set = run(['keys', 'set', 'gemini'], `${key}\n`);
      expect(set.status, set.stderr).toBe(0);
      expect(set.stdout + set.stderr).not.toContain(key);
      const list = run(['keys', 'list', '--json']);
      expect(JSON.parse(list.stdout)).toContainEqual({ provider: 'gemini', set: true, source: 'keychain', env_var: null, env_vars: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] });
      expect(list.stdout).not.toContain(key);
      expect(await createKeychainVault().get('gemini')).toBe(key);
      expect(run(['keys', 'delete', 'gemini']).status).toBe(0);
      expect(await createKeychainVault().get('gemini')).toBeNull();
    } finally {
      await createKeychainVault().delete('gemini').catch(() => false);
      await rm(home, { recursive: true, force: true });
    }
  });
});
