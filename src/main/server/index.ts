// The local server: the contract over HTTP on 127.0.0.1 (see local-server.ts).
export { startLocalServer, type LocalServer, type LocalServerOptions } from './local-server.ts';
export { rendererBuilt, NOT_BUILT_MESSAGE, DEFAULT_RENDERER_DIR } from './static-files.ts';
export { browserPlatform } from './platform.ts';
