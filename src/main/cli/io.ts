// CLI plumbing: exit codes (0 ok, 1 failure, 2 usage or input error), printing, and the engine for --home.
import { FutureSchemaError } from '../store/migrations.ts';
import { InputError, NotFoundError } from '../core/errors.ts';
import { UnknownModelError } from '../providers/registry.ts';
import { EngineHost } from '../api/engine-host.ts';
import { redactKeys } from '../engine/provider-errors.ts';
import { defaultVault } from '../secrets/keychain.ts';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  home?: string;
}

export function openHost(global: GlobalOptions): EngineHost {
  return new EngineHost({ ...(global.home ? { home: global.home } : {}), vault: defaultVault() });
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError || error instanceof UsageError || error instanceof UnknownModelError || error instanceof NotFoundError || error instanceof FutureSchemaError) {
    return EXIT.usage;
  }
  return EXIT.failure;
}

export function printError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`batchdesk: ${redactKeys(message)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export { table, usd } from '../api/plan-text.ts';

export function parseNumber(flag: string, value: string, opts: { integer?: boolean; min?: number } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    throw new UsageError(`${flag} expects ${opts.integer ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, got "${value}"`);
  }
  return n;
}
