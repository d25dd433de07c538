// What a file input is called in the UI and in the `input` export column: its path relative to the folder or the
// list of files it was given in (x/notes.txt and y/notes.txt, never two notes.txt). Files uploaded through the
// local server live under <data>/uploads/<id>/, which is not the user's folder: that prefix is left out.
import { dirname, relative, sep } from 'node:path';

export interface GivenFile {
  path: string;
  /** The folder it was found in when a folder was given; absent for a file given by name. */
  folder?: string;
}

function shown(path: string, uploadsDir: string | undefined): string {
  if (uploadsDir) {
    const rest = relative(uploadsDir, path);
    if (!rest.startsWith('..') && rest !== '' && !rest.startsWith(sep)) {
      const parts = rest.split(sep);
      if (parts.length > 1) return `${sep}${parts.slice(1).join(sep)}`;
    }
  }
  return path;
}

function commonFolder(folders: string[]): string {
  let common = folders[0]!.split(sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}

/** One label per file, in order: relative to the common folder of everything given, with forward slashes. */
export function labelsFor(files: GivenFile[], uploadsDir?: string): string[] {
  if (files.length === 0) return [];
  const paths = files.map((f) => shown(f.path, uploadsDir));
  const roots = files.map((f, i) => (f.folder !== undefined ? shown(f.folder, uploadsDir) : dirname(paths[i]!)));
  const base = commonFolder(roots);
  return paths.map((p) => relative(base, p).split(sep).join('/'));
}
