// CLI plumbing: exit codes (0 ok, 1 failure, 2 usage or input error), printing, and the service for --home. The
// CLI is a face like the UI: every operation goes through the service (and so through the run commands and the
// input check they share), and a refusal comes back as the contract's typed error.
import { ContractCallError, type OperationInput, type OperationName, type OperationOutput } from '../../shared/contract.ts';
import type { EngineHost } from '../api/engine-host.ts';
import { openEngine } from '../api/open-engine.ts';
import { createService, redactKeys, toContractError, type Service } from '../api/service/index.ts';

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
  return openEngine(global.home ? { home: global.home } : {});
}

export interface Cli {
  host: EngineHost;
  service: Service;
  close(): Promise<void>;
}

export function openCli(global: GlobalOptions): Cli {
  const host = openHost(global);
  return { host, service: createService(host, {}, { runSource: 'cli' }), close: () => host.close() };
}

/** One operation through the service's door; a refusal is thrown as the contract's typed error. */
export async function call<N extends OperationName>(cli: Cli, name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await cli.service.invoke(name, input);
  if (result.ok) return result.value as OperationOutput<N>;
  throw new ContractCallError(result.error);
}

/** Any failure as the contract's typed error: codes decide the exit code, messages are already redacted. */
function typed(error: unknown): ContractCallError {
  if (error instanceof ContractCallError) return error;
  if (error instanceof UsageError) return new ContractCallError({ code: 'invalid_input', message: error.message });
  return new ContractCallError(toContractError(error, () => {}));
}

/** 2 for what the user can fix in the command (bad input, an unknown run); 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return ['invalid_input', 'not_found', 'forbidden'].includes(typed(error).code) ? EXIT.usage : EXIT.failure;
}

export function printError(error: unknown): void {
  const failure = typed(error);
  // An internal error keeps its own message on a terminal (the service hides it from a UI).
  const message = failure.code === 'internal' && error instanceof Error ? redactKeys(error.message) : failure.message;
  const problems = failure.problems.length > 1 && !message.includes(failure.problems[0]!) ? `\n  - ${failure.problems.join('\n  - ')}` : '';
  process.stderr.write(`batchdesk: ${message}${problems}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export { table, usd } from '../api/estimate-text.ts';

export function parseNumber(flag: string, value: string, opts: { integer?: boolean; min?: number } = {}): number {
  const n = Number(value);
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    throw new UsageError(`${flag} expects ${opts.integer ? 'a whole number' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, got "${value}"`);
  }
  return n;
}
