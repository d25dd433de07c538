// An in-memory SecretVault for tests: what a keychain would hold, with a log of what was asked of it.
import type { RealProvider } from '../../src/main/secrets/env-keys.ts';
import type { SecretVault } from '../../src/main/secrets/keys.ts';

export class FakeVault implements SecretVault {
  readonly secrets = new Map<RealProvider, string>();
  readonly calls: string[] = [];

  async get(provider: RealProvider): Promise<string | null> {
    this.calls.push(`get ${provider}`);
    return this.secrets.get(provider) ?? null;
  }

  async set(provider: RealProvider, key: string): Promise<void> {
    this.calls.push(`set ${provider}`);
    this.secrets.set(provider, key);
  }

  async delete(provider: RealProvider): Promise<boolean> {
    this.calls.push(`delete ${provider}`);
    return this.secrets.delete(provider);
  }
}
