// files.describe: what the New run screen shows for each chosen or dropped file (type, size, PDF pages, dataset
// columns, and every problem) before a run is estimated. files.pick: the native dialog, where there is one.
import { opendir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import type { FileInfoSchema } from '../../../shared/contract.ts';
import { inputKindOf, mediaTypeOf, SUPPORTED_EXTENSIONS } from '../../inputs/attachment.ts';
import { readDataset } from '../../inputs/dataset.ts';
import { jobFromRequestLine } from '../../inputs/requests-file.ts';
import { readLines } from '../../store/files.ts';
import { UnavailableError } from './errors.ts';
import { countPdfPages } from './pdf-pages.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

type FileInfo = z.output<typeof FileInfoSchema>;

const MB = 1024 * 1024;
/** The most a provider takes for one PDF or image in a request (Anthropic and OpenAI: 32 MB per request). */
export const MAX_BINARY_BYTES = 32 * MB;
/** Text beyond this is over a million tokens: more than any model's context. */
export const MAX_TEXT_BYTES = 4 * MB;
const DATASET_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.ndjson'];
const MAX_DESCRIBED = 100_000;

async function firstLine(path: string): Promise<string | null> {
  for await (const { text } of readLines(path)) return text;
  return null;
}

async function datasetColumns(path: string, problems: string[]): Promise<string[]> {
  try {
    for await (const row of readDataset(path)) return Object.keys(row.values);
    problems.push(`${basename(path)} has no rows`);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return [];
}

export async function describePath(path: string): Promise<FileInfo> {
  const name = basename(path);
  const info: FileInfo = { path, name, media_type: mediaTypeOf(path), kind: 'unsupported', size: 0, pdf_pages: null, columns: null, problems: [] };
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { ...info, problems: [`cannot read ${path}: no such file (check the path)`] };
  }
  info.size = size;
  if (size === 0) info.problems.push(`${name} is empty`);
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const line = size ? await firstLine(path) : null;
    const asRequest = line === null ? null : jobFromRequestLine(line, 1);
    if (asRequest && !('code' in asRequest)) return { ...info, media_type: 'application/jsonl', kind: 'requests' };
    info.media_type = 'application/jsonl';
  }
  if (DATASET_EXTENSIONS.includes(ext)) {
    return { ...info, kind: 'dataset', columns: size ? await datasetColumns(path, info.problems) : [] };
  }
  if (!info.media_type) {
    info.problems.push(`${name}: unsupported file type "${ext || '(none)'}"; supported: ${[...SUPPORTED_EXTENSIONS, ...DATASET_EXTENSIONS].join(' ')}`);
    return info;
  }
  const kind = inputKindOf(info.media_type);
  const limit = kind === 'text' ? MAX_TEXT_BYTES : MAX_BINARY_BYTES;
  if (size > limit) info.problems.push(`${name} is ${(size / MB).toFixed(1)} MB: larger than the ${limit / MB} MB a ${kind === 'text' ? 'text file' : kind.toUpperCase()} input may be`);
  if (kind === 'pdf' && size > 0) {
    info.pdf_pages = await countPdfPages(path).catch(() => null);
    if (info.pdf_pages === null) info.problems.push(`${name}: cannot read its pages; is it a PDF?`);
  }
  return { ...info, kind };
}

/** Folders are described file by file (hidden files skipped), as a run would take them; at most `max` files. */
async function expand(path: string, max: number): Promise<string[]> {
  try {
    if (!(await stat(path)).isDirectory()) return [path];
    const files: string[] = [];
    for await (const entry of await opendir(path, { recursive: true })) {
      if (entry.isFile() && !entry.name.startsWith('.')) files.push(join(entry.parentPath, entry.name));
      if (files.length >= max) break;
    }
    return files.sort();
  } catch {
    return [path];
  }
}

export function fileHandlers(deps: ServiceDeps): FeatureHandlers<'files.describe' | 'files.pick'> {
  return {
    'files.describe': async ({ paths }) => {
      const described: FileInfo[] = [];
      for (const path of paths) {
        for (const file of await expand(path, MAX_DESCRIBED - described.length)) {
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
