// The software a run was made with, for its methods bundle: Batchdesk's version and each provider SDK's, read from
// package.json files (the app's own, found by walking up from this module, and node_modules/<sdk>/package.json).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SDK_PACKAGES = ['openai', '@anthropic-ai/sdk', '@google/genai'] as const;

interface PackageJson {
  name?: string;
  version?: string;
}

function readPackage(path: string): PackageJson | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

/** The folder of Batchdesk's own package.json (the source tree, or the packaged app's resources). */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path) && readPackage(path)?.name === 'batchdesk') return dir;
    if (dirname(dir) === dir) return null;
  }
}

export interface Software {
  batchdesk: string;
  node: string;
  platform: string;
  sdks: Record<string, string | null>;
}

export function softwareVersions(): Software {
  const root = appRoot();
  const version = (path: string) => (root ? (readPackage(join(root, path))?.version ?? null) : null);
  return {
    batchdesk: version('package.json') ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    sdks: Object.fromEntries(SDK_PACKAGES.map((name) => [name, version(join('node_modules', name, 'package.json'))])),
  };
}
