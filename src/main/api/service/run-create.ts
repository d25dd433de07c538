// runs.estimate and runs.create: the run commands (api/commands/submit-run), nothing more.
import { estimateRun, submitRun } from '../commands/submit-run.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

export function runCreateHandlers(deps: ServiceDeps): FeatureHandlers<'runs.estimate' | 'runs.create'> {
  const { host, runSource } = deps;
  return {
    'runs.estimate': async (input) => estimateRun(host, input, { source: runSource }),
    'runs.create': async (input) => ({ run_id: (await submitRun(host, input, { source: runSource })).run_id }),
  };
}
