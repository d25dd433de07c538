// The service: every contract operation over one EngineHost, knowing nothing of Electron or HTTP. Feature handler
// maps (runs, jobs, compare, export, raw files, models, settings, keys, files) merge into one typed map; `invoke` is the single door
// every transport uses: it parses the input with the operation's schema, applies the face's local-path rule
// (path-policy.ts), runs the handler, checks the output
// against the contract (so nothing undeclared, such as a key, can slip out) and never throws.
import { EventSchema, isOperationName, operations, type CallResult, type ContractEvent, type OperationName, type OperationOutput } from '../../../shared/contract.ts';
import type { EngineHost } from '../engine-host.ts';
import { agreementHandlers } from './agreement.ts';
import { bundleHandlers } from './bundle.ts';
import { parseInput, toContractError } from './errors.ts';
import { exportHandlers } from './export.ts';
import { fileHandlers } from './files.ts';
import { compareHandlers } from './compare.ts';
import { jobHandlers } from './jobs.ts';
import { keyHandlers } from './keys.ts';
import { modelHandlers } from './models.ts';
import { applyPathPolicy } from './path-policy.ts';
import { runCreateHandlers } from './run-create.ts';
import { rawFileHandlers } from './raw-files.ts';
import { runHandlers } from './runs.ts';
import { applyPollInterval, settingsHandlers } from './settings.ts';
import type { Handler, Handlers, ParsedInput, RunSource, ServiceDeps, ServicePlatform } from './types.ts';

export type { ServicePlatform, Handlers } from './types.ts';
export { ForbiddenError, UnavailableError, parseInput, toContractError, isInputProblem } from './errors.ts';
export { redactKeys } from '../../engine/provider-errors.ts';
export { writeExport, writeExportFile, idsPathFor, checkExport, exportFileName, EXPORT_CONTENT_TYPES } from './export.ts';
export { writeRawFiles, rawFiles, rawFilesZipName } from './raw-files.ts';
export type { RawFilesRequest } from './types.ts';

export interface Service {
  readonly host: EngineHost;
  readonly handlers: Handlers;
  /** Run one operation from untrusted input. Resolves to the output or a typed error; never rejects. */
  invoke(name: unknown, rawInput: unknown): Promise<CallResult>;
  /** Engine events as contract events; returns the unsubscribe function. */
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

export interface ServiceOptions {
  log?: (line: string) => void;
  /** What runs this service creates are marked as made by (default: the UI). */
  runSource?: RunSource;
}

export function createService(host: EngineHost, platform: ServicePlatform = {}, options: ServiceOptions = {}): Service {
  const deps: ServiceDeps = { host, platform, runSource: options.runSource ?? 'ui' };
  applyPollInterval(host);
  const handlers: Handlers = {
    ...runCreateHandlers(deps),
    ...runHandlers(deps),
    ...jobHandlers(deps),
    ...exportHandlers(deps),
    ...compareHandlers(deps),
    ...rawFileHandlers(deps),
    ...modelHandlers(deps),
    ...settingsHandlers(deps),
    ...keyHandlers(deps),
    ...fileHandlers(deps),
    ...agreementHandlers(deps),
    ...bundleHandlers(deps),
  };

  async function run<N extends OperationName>(name: N, rawInput: unknown): Promise<OperationOutput<N>> {
    const parsed = parseInput(operations[name].input, rawInput) as ParsedInput<N>;
    const input = platform.checkLocalPath ? await applyPathPolicy(name, parsed, (path) => platform.checkLocalPath!(path)) : parsed;
    const output = await (handlers[name] as Handler<N>)(input as never);
    const checked = operations[name].output.safeParse(output);
    if (!checked.success) throw new Error(`the output of ${name} does not match the contract: ${checked.error.message}`);
    return checked.data as OperationOutput<N>;
  }

  return {
    host,
    handlers,
    async invoke(name, rawInput) {
      if (!isOperationName(name)) return { ok: false, error: { code: 'invalid_input', message: typeof name === 'string' ? `unknown operation "${name.slice(0, 100)}"` : 'the operation name must be a string', problems: [] } };
      try {
        return { ok: true, value: await run(name, rawInput) };
      } catch (error) {
        return { ok: false, error: toContractError(error, options.log) };
      }
    },
    subscribe(listener) {
      const forward = (event: ContractEvent) => {
        const parsed = EventSchema.safeParse(event);
        if (!parsed.success) return;
        try {
          listener(parsed.data);
        } catch {
          // A listener's failure (a closed connection, a destroyed window) must never reach the monitor.
        }
      };
      host.ctx.events.on('event', forward);
      return () => void host.ctx.events.off('event', forward);
    },
  };
}
