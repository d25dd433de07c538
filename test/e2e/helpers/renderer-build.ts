// The e2e tests drive the built renderer (out/renderer, what `batchdesk serve` serves). Build it when it is
// missing or older than its sources, with the renderer section of electron.vite.config.ts (one config for
// the app and the tests). A lock directory keeps parallel test files from building twice.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
const SOURCES = [join(ROOT, 'src/renderer'), join(ROOT, 'src/shared'), join(ROOT, 'electron.vite.config.ts')];
const LOCK = join(ROOT, 'out/.renderer-build.lock');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), info.mtimeMs);
}

export function rendererIsCurrent(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

async function build(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  const { default: config } = (await import(join(ROOT, 'electron.vite.config.ts'))) as {
    default: { renderer: Record<string, unknown> & { build?: Record<string, unknown> } };
  };
  const renderer = config.renderer;
  await viteBuild({
    ...renderer,
    configFile: false,
    root: join(ROOT, 'src/renderer'),
    logLevel: 'warn',
    build: { ...renderer.build, outDir: RENDERER_OUT, emptyOutDir: true },
  });
}

export async function ensureRendererBuilt(): Promise<void> {
  if (rendererIsCurrent()) return;
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building: wait for it, then use its result.
      if (Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      if (rendererIsCurrent()) return;
    }
  }
  try {
    if (!rendererIsCurrent()) await build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
