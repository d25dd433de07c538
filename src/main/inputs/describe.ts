// What the New run screen shows for each chosen or dropped file before a run is estimated: kind, size, pages or
// dataset columns, and every problem, from the same input check a run makes (so the UI, the CLI, the library and
// the gateway give one reason text for one bad file).
import { opendir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { FileInfo } from '../../shared/contract.ts';
import { DATASET_EXTENSIONS, datasetColumns } from './dataset.ts';
import { inputKindOf, mediaTypeByName } from './inspect/content-type.ts';
import { inspectFile, InputFileError } from './inspect/index.ts';
import { jobFromRequestLine } from './requests-file.ts';
import { decodedLines, encodingOfFile } from './text/decoded-stream.ts';


async function firstLine(path: string): Promise<string | null> {
  for await (const { text } of decodedLines(path, await encodingOfFile(path))) return text;
  return null;
}

async function describeTable(info: FileInfo): Promise<FileInfo> {
  const ext = extname(info.path).toLowerCase();
  try {
    if (ext === '.jsonl' || ext === '.ndjson') {
      const line = await firstLine(info.path);
      const asRequest = line === null ? null : jobFromRequestLine(line, 1);
      if (asRequest && !('code' in asRequest)) return { ...info, media_type: 'application/jsonl', kind: 'requests' };
    }
    return { ...info, kind: 'dataset', columns: await datasetColumns(info.path) };
  } catch (error) {
    return { ...info, kind: 'dataset', columns: [], problems: [(error as Error).message] };
  }
}

export async function describePath(path: string): Promise<FileInfo> {
  const name = basename(path);
  const info: FileInfo = { path, name, media_type: mediaTypeByName(name), kind: 'unsupported', size: 0, pdf_pages: null, width: null, height: null, encoding: null, columns: null, problems: [] };
  try {
    info.size = (await stat(path)).size;
  } catch {
    return { ...info, problems: [`cannot read ${path}: no such file (check the path)`] };
  }
  if (DATASET_EXTENSIONS.includes(extname(path).toLowerCase())) {
    if (info.size === 0) return { ...info, kind: 'dataset', columns: [], problems: [`${name} is empty`] };
    return describeTable(info);
  }
  try {
    const file = await inspectFile(path);
    const isImage = inputKindOf(file.media_type) === 'image';
    return {
      ...info,
      media_type: file.media_type,
      kind: inputKindOf(file.media_type),
      pdf_pages: file.pages ?? null,
      width: isImage ? (file.width ?? null) : null,
      height: isImage ? (file.height ?? null) : null,
      encoding: file.encoding ?? null,
    };
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    return { ...info, problems: [error.message] };
  }
}

/** Folders are described file by file (hidden files skipped), as a run would take them; at most `max` files. */
export async function expandForDescribe(path: string, max: number): Promise<string[]> {
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
