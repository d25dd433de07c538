// vitest globalSetup for the e2e suite (test/e2e/vitest.config.ts): build the renderer once before any file runs.
import { ensureRendererBuilt } from './helpers/renderer-build.ts';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt();
}
