// Turning dropped or picked files into described draft files. In Electron a dropped file has a real path
// (api.pathForFile); in the browser its bytes are uploaded to the local server, which answers with a path.
import { api, call, errorText } from '../../api.ts';
import { useDraft, type DraftFile } from './draft-store.ts';

let nextKey = 0;
const keyFor = (name: string) => `${name}#${++nextKey}`;
/** Where a file sat inside a dropped folder ("docs/x/notes.txt"): the browser gives it only while walking. */
const relativePaths = new WeakMap<File, string>();

/** Every file under the dropped items, walking folders (browser drops give folders as entries). */
export async function filesFromDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = [...transfer.items]
    .map((item) =>
      item.kind === 'file' && typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null,
    )
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0 || api().pathForFile) return [...transfer.files];
  const out: File[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    relativePaths.set(file, entry.fullPath.replace(/^\/+/, ''));
    out.push(file);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const child of batch) if (!child.name.startsWith('.')) await walk(child, out);
  }
}

async function pathOf(file: File, group: string): Promise<string> {
  const client = api();
  if (client.pathForFile) return client.pathForFile(file);
  const relativePath = relativePaths.get(file);
  if (client.uploadFile) return client.uploadFile(file, { group, ...(relativePath ? { relativePath } : {}) });
  throw new Error('this window can neither read file paths nor upload files');
}

/** Describe the given paths and put them into the draft. */
export async function addPaths(paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const infos = await call('files.describe', { paths });
  useDraft
    .getState()
    .addFiles(
      infos.map((info) => ({ key: keyFor(info.path), name: info.name, path: info.path, info, error: null })),
    );
}

export async function addFiles(
  files: File[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const failed: DraftFile[] = [];
  const paths: string[] = [];
  let done = 0;
  const group = crypto.randomUUID();
  // A few uploads at a time: fast for many small files without flooding the local server.
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        paths.push(await pathOf(file, group));
      } catch (error) {
        failed.push({
          key: keyFor(file.name),
          name: file.name,
          path: null,
          info: null,
          error: `could not add ${file.name}: ${errorText(error)}`,
        });
      }
      onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, files.length) }, worker));
  if (failed.length) useDraft.getState().addFiles(failed);
  await addPaths(paths);
}
