// runs.export: in the desktop app the user picks where to save and the file is written there; over HTTP the
// browser gets a download URL whose GET streams the same export (writeExport).
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { rm } from 'node:fs/promises';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { columnsFor, exportRun, type ExportOptions } from '../../export/write.ts';
import { XLSX_MAX_ROWS } from '../../export/xlsx.ts';
import { writeBundleZip } from '../bundle/write.ts';
import type { EngineHost } from '../engine-host.ts';
import { UnavailableError } from './errors.ts';
import type { ExportRequest, FeatureHandlers, ServiceDeps } from './types.ts';

function optionsOf(request: ExportRequest & { format: ExportOptions['format'] }): ExportOptions {
  return {
    format: request.format,
    ...(request.columns ? { columns: request.columns } : {}),
    ...(request.include_raw ? { includeRaw: true } : {}),
    ...(request.bom ? { bom: true } : {}),
    ...(request.layout ? { layout: request.layout } : {}),
  };
}

/** Check the run and the columns before anything is written; returns the export options (null: a methods zip). */
export function checkExport(host: EngineHost, request: ExportRequest): ExportOptions | null {
  if (!host.store.runs.get(request.run_id)) throw new NotFoundError(`no run "${request.run_id}"`);
  if (request.format === 'methods_zip') return null;
  const options = optionsOf({ ...request, format: request.format });
  try {
    columnsFor(host.store, request.run_id, options);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (request.bom && request.format !== 'csv') throw new InputError('the byte-order mark is for CSV (XLSX and JSON need none): leave out bom');
  if (request.format === 'xlsx' && host.store.jobs.counts(request.run_id).total >= XLSX_MAX_ROWS) {
    throw new InputError(`this run has more jobs than the ${XLSX_MAX_ROWS.toLocaleString('en-US')} rows an Excel sheet holds: export it as CSV`);
  }
  return options;
}

/** Where the ids file of an npy export goes: beside it, vectors.npy → vectors.ids.txt. */
export function idsPathFor(npyPath: string): string {
  return `${npyPath.replace(/\.npy$/i, '')}.ids.txt`;
}

/** The ids file of an npy export is named after it: RUN.npy and RUN.ids.txt. */
export function exportFileName(request: ExportRequest): string {
  if (request.format === 'methods_zip') return `${request.run_id}-methods-bundle.zip`;
  if (request.format === 'npy_ids') return `${request.run_id}.ids.txt`;
  return `${request.run_id}${request.layout === 'wide' ? '-wide' : ''}.${request.format}`;
}

export const EXPORT_CONTENT_TYPES: Record<ExportRequest['format'], string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  methods_zip: 'application/zip',
  parquet: 'application/vnd.apache.parquet',
  npy: 'application/octet-stream',
  npy_ids: 'text/plain; charset=utf-8',
};

/** Stream an export to `out` (an HTTP response or a file); returns the number of rows. Does not end `out`. */
export async function writeExport(host: EngineHost, request: ExportRequest, out: Writable): Promise<number> {
  const options = checkExport(host, request);
  return options ? exportRun(host.store, request.run_id, out, options) : writeBundleZip(host, request.run_id, out);
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
