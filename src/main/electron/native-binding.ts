// better-sqlite3's native binary for the packaged app. Its prebuilds are N-API (ABI-stable), so the same file
// loads in Node and in Electron; in the packaged app it lies outside the asar archive (asarUnpack) and is passed
// to the store as `nativeBinding`. Development (`npm start`) uses node_modules as is. See docs/native-modules.md.
import { join } from 'node:path';

export interface NativeBindingOptions {
  isPackaged: boolean;
  resourcesPath: string;
  platform: NodeJS.Platform;
  arch: string;
  exists(path: string): boolean;
}

/** The unpacked prebuild's path, or undefined to let better-sqlite3 find its binary the usual way. */
export function sqliteNativeBinding(options: NativeBindingOptions): string | undefined {
  if (!options.isPackaged) return undefined;
  const file = join(
    options.resourcesPath,
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'prebuilds',
    `${options.platform}-${options.arch}.node`,
  );
  return options.exists(file) ? file : undefined;
}
