// files.describe: the input check's verdict on each chosen or dropped file (inputs/describe). files.pick: the
// native dialog, where there is one. files.types: what a run takes.
import type { FileInfo } from '../../../shared/contract.ts';
import { describePath, expandForDescribe } from '../../inputs/describe.ts';
import { supportedTypes } from './file-types.ts';
import { UnavailableError } from './errors.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

const MAX_DESCRIBED = 100_000;

export function fileHandlers(deps: ServiceDeps): FeatureHandlers<'files.describe' | 'files.pick' | 'files.types'> {
  return {
    'files.types': async () => supportedTypes(),
    'files.describe': async ({ paths }) => {
      const described: FileInfo[] = [];
      for (const path of paths) {
        for (const file of await expandForDescribe(path, MAX_DESCRIBED - described.length)) {
          if (described.length >= MAX_DESCRIBED) return described;
          described.push(await describePath(file));
        }
      }
      return described;
    },
    'files.pick': async ({ folders }) => {
      if (!deps.platform.pickFiles) throw new UnavailableError('choosing files needs the desktop app: drop the files on the page instead');
      return { paths: await deps.platform.pickFiles({ folders }) };
    },
  };
}
