// The local server's rule for client-supplied local paths (the service applies it to every path field, see
// api/service/path-policy.ts): a path is read only when it lies, after `..` is normalised and every symlink is
// resolved (realpath), inside the uploads folder or inside a folder named with `batchdesk serve --allow-dir DIR`.
// The resolved path is what the engine then reads, so a symlink swapped in later cannot redirect this call.
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { ForbiddenError, InputError } from '../api/index.ts';

export interface LocalPathRule {
  /** The folders (resolved) under which paths may be read. */
  readonly roots: readonly string[];
  check(path: string): Promise<string>;
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended (for a missing file). */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const parent = dirname(path);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw error;
    return join(await realPathOf(parent), basename(path));
  }
}

const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** Resolve the allowed folders once, at start-up; a folder that does not exist is refused with its name. */
export async function localPathRule(options: { uploadsFolder: string; allowDirs?: readonly string[] }): Promise<LocalPathRule> {
  await mkdir(options.uploadsFolder, { recursive: true });
  const roots = [await realpath(options.uploadsFolder)];
  for (const dir of options.allowDirs ?? []) {
    const real = await realpath(resolve(dir)).catch(() => null);
    if (!real || !(await stat(real)).isDirectory()) throw new InputError(`--allow-dir ${dir}: no such folder (name an existing folder)`);
    roots.push(real);
  }
  const rule = `over HTTP Batchdesk reads only uploaded files (drop them on the page) and files inside the folders named with \`batchdesk serve --allow-dir DIR\` (now: ${roots.slice(1).join(', ') || 'none'})`;
  return {
    roots,
    async check(path) {
      if (path.includes('\0') || !isAbsolute(path)) throw new ForbiddenError(`"${path.slice(0, 300)}" is not an absolute path: ${rule}`);
      const real = await realPathOf(resolve(path)).catch(() => null);
      if (real && roots.some((root) => inside(real, root))) return real;
      throw new ForbiddenError(`${path.slice(0, 300)} is outside the folders this server may read: ${rule}`);
    },
  };
}
