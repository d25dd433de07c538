// The local server: the contract over HTTP on 127.0.0.1 (see local-server.ts).
export { startLocalServer, type LocalServer, type LocalServerOptions } from './local-server.ts';
export { rendererBuilt, NOT_BUILT_MESSAGE, DEFAULT_RENDERER_DIR } from './static-files.ts';
export { TOKEN_PATTERN } from './security.ts';
export { DEFAULT_BODY_LIMITS, type BodyLimits } from './body-limits.ts';
