// runs.bundle: write a run's methods bundle into a new folder (the CLI's `batchdesk bundle RUN -o DIR`). The UI
// downloads the same bundle as a zip through runs.export (format methods_zip).
import { writeBundleDir } from '../bundle/write.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

export function bundleHandlers(deps: ServiceDeps): FeatureHandlers<'runs.bundle'> {
  return {
    'runs.bundle': async ({ run_id, dir }) => writeBundleDir(deps.host, run_id, dir),
  };
}
