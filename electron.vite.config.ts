// electron-vite: main (src/main/electron/index.ts → out/main, ESM), preload (src/preload/index.ts →
// out/preload/index.cjs: a sandboxed preload cannot be an ES module and can require nothing but 'electron' and a
// few Node built-ins, so everything else is bundled in), renderer (src/renderer → out/renderer).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, withCspMeta } from './src/main/electron/csp.ts';

/** Native modules load from node_modules (unpacked from the asar in the packaged app), never from the bundle. */
const NATIVE = ['better-sqlite3', 'keytar'];
/** parquet-wasm reads its .wasm file next to its own module (__dirname): it must load from node_modules too. */
const EXTERNAL = [...NATIVE, 'parquet-wasm'];

/**
 * The built app loads from file://, where no response header can carry a CSP: the policy from csp.ts goes into
 * index.html's <meta>, replacing whatever the page had, so it is written in one place only.
 */
function cspMeta(): Plugin {
  let devServerUrl: string | undefined;
  return {
    name: 'batchdesk:csp-meta',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        if (address && typeof address === 'object') devServerUrl = `http://localhost:${address.port}`;
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        withCspMeta(
          html,
          contentSecurityPolicy({ forMeta: true, ...(devServerUrl ? { devServerUrl } : {}) }),
        ),
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Maps are how test/unit/electron/bundle.test.ts proves which sources use 'electron'; they also make
      // stack traces from a user's log readable.
      sourcemap: true,
      externalizeDeps: { include: EXTERNAL },
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/electron/index.ts') },
        external: EXTERNAL,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), cspMeta()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
      },
    },
  },
});
