// runs.agreement, runs.agreementCsv, runs.agreementUnits: the agreement commands (api/agreement), nothing more.
import { runAgreement, runAgreementCsv, runAgreementUnits } from '../agreement/run-agreement.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

export function agreementHandlers(deps: ServiceDeps): FeatureHandlers<'runs.agreement' | 'runs.agreementCsv' | 'runs.agreementUnits'> {
  const { store } = deps.host;
  return {
    'runs.agreement': async (input) => runAgreement(store, input),
    'runs.agreementCsv': async (input) => runAgreementCsv(store, input),
    'runs.agreementUnits': async (input) => runAgreementUnits(store, input),
  };
}
