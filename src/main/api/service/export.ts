// runs.export: in the desktop app the user picks where to save and the file is written there; over HTTP the
// browser gets a download URL whose GET streams the same export (writeExport).
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { rm } from 'node:fs/promises';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { columnsFor, exportRun, type ExportOptions } from '../../export/write.ts';
import type { EngineHost } from '../engine-host.ts';
import { UnavailableError } from './errors.ts';
import type { ExportRequest, FeatureHandlers, ServiceDeps } from './types.ts';

function optionsOf(request: ExportRequest): ExportOptions {
  return { format: request.format, ...(request.columns ? { columns: request.columns } : {}), ...(request.include_raw ? { includeRaw: true } : {}) };
}

/** Check the run and the columns before anything is written; returns the export options. */
export function checkExport(host: EngineHost, request: ExportRequest): ExportOptions {
  if (!host.store.runs.get(request.run_id)) throw new NotFoundError(`no run "${request.run_id}"`);
  const options = optionsOf(request);
  try {
    columnsFor(host.store, request.run_id, options);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  return options;
}

/** Where the ids file of an npy export goes: beside it, vectors.npy → vectors.ids.txt. */
export function idsPathFor(npyPath: string): string {
  return `${npyPath.replace(/\.npy$/i, '')}.ids.txt`;
}

/** The ids file of an npy export is named after it: RUN.npy and RUN.ids.txt. */
export function exportFileName(request: ExportRequest): string {
  return request.format === 'npy_ids' ? `${request.run_id}.ids.txt` : `${request.run_id}.${request.format}`;
}

export const EXPORT_CONTENT_TYPES: Record<ExportRequest['format'], string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  npy: 'application/octet-stream',
  npy_ids: 'text/plain; charset=utf-8',
};

/** Stream an export to `out` (an HTTP response or a file); returns the number of rows. Does not end `out`. */
export async function writeExport(host: EngineHost, request: ExportRequest, out: Writable): Promise<number> {
  return exportRun(host.store, request.run_id, out, checkExport(host, request));
}

/** Stream an export into a file; returns the number of rows. Checked first; a failed export leaves no file behind. */
export async function writeExportFile(host: EngineHost, request: ExportRequest, path: string): Promise<number> {
  checkExport(host, request);
  const out = createWriteStream(path);
  try {
    const rows = await writeExport(host, request, out);
    out.end();
    await finished(out);
    return rows;
  } catch (error) {
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
}

export function exportHandlers(deps: ServiceDeps): FeatureHandlers<'runs.export'> {
  const { host, platform } = deps;
  return {
    'runs.export': async (request) => {
      checkExport(host, request);
      if (platform.saveExportPath) {
        const path = await platform.saveExportPath(exportFileName(request));
        if (path === null) return { rows: 0, path: null, url: null };
        const rows = await writeExportFile(host, request, path);
        // An npy matrix is useless without its ids: they are written beside it.
        if (request.format === 'npy') await writeExportFile(host, { ...request, format: 'npy_ids' }, idsPathFor(path));
        return { rows, path, url: null };
      }
      if (platform.exportUrl) return { rows: host.store.jobs.counts(request.run_id).total, path: null, url: platform.exportUrl(request) };
      throw new UnavailableError('this face of Batchdesk cannot save files: use `batchdesk results RUN --format ...` instead');
    },
  };
}
