// runs.rawFiles lists a run's (or one provider batch's) raw files; runs.downloadRawFiles shows their folder in the
// file manager (desktop) or answers with a single-use URL of a zip of them (the local server's GET /api/raw-files).
import { mkdir } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { NotFoundError } from '../../core/errors.ts';
import { listRawFiles, writeRawFilesZip, type RawFile } from '../../export/raw-files.ts';
import { providerBatchFolder, runFolder } from '../../store/data-folder.ts';
import type { EngineHost } from '../engine-host.ts';
import { UnavailableError } from './errors.ts';
import type { FeatureHandlers, RawFilesRequest, ServiceDeps } from './types.ts';

/** The batches a request names (every batch of the run without one); NotFoundError for an unknown run or batch. */
function batchIds(host: EngineHost, request: RawFilesRequest): string[] {
  if (!host.store.runs.get(request.run_id)) throw new NotFoundError(`no run "${request.run_id}"`);
  const ids = host.store.batches.forRun(request.run_id).map((b) => b.id);
  if (request.provider_batch_id === undefined) return ids;
  if (!ids.includes(request.provider_batch_id)) throw new NotFoundError(`run ${request.run_id} has no provider batch "${request.provider_batch_id}"`);
  return [request.provider_batch_id];
}

export function rawFiles(host: EngineHost, request: RawFilesRequest): Promise<RawFile[]> {
  return listRawFiles(host.dataFolder, request.run_id, batchIds(host, request));
}

export function rawFilesZipName(request: RawFilesRequest): string {
  return `${request.provider_batch_id ?? request.run_id}-raw-files.zip`;
}

/** Stream the zip of the request's raw files to `out`. Does not end `out`. */
export async function writeRawFiles(host: EngineHost, request: RawFilesRequest, out: Writable): Promise<void> {
  await writeRawFilesZip(out, host.dataFolder, request.run_id, await rawFiles(host, request));
}

export function rawFileHandlers(deps: ServiceDeps): FeatureHandlers<'runs.rawFiles' | 'runs.downloadRawFiles'> {
  const { host, platform } = deps;
  return {
    'runs.rawFiles': async (request) => ({ files: await rawFiles(host, request) }),
    'runs.downloadRawFiles': async (request) => {
      batchIds(host, request);
      if (platform.openPath) {
        const path = request.provider_batch_id ? providerBatchFolder(host.dataFolder, request.run_id, request.provider_batch_id) : runFolder(host.dataFolder, request.run_id);
        await mkdir(path, { recursive: true });
        await platform.openPath(path);
        return { path, url: null };
      }
      if (platform.rawFilesUrl) return { path: null, url: platform.rawFilesUrl(request) };
      throw new UnavailableError('this face of Batchdesk cannot hand out files: they are in the run folder under the data folder');
    },
  };
}
