// The renderer's Content Security Policy, written once. The built app loads from file://, where no HTTP header
// exists, so the same policy is also put into index.html's <meta> at build time (electron.vite.config.ts); the
// header form (with frame-ancestors, which a <meta> ignores) covers the dev server.
export interface CspOptions {
  /** The Vite dev server (development only): its scripts, hot-reload socket and injected <style> tags. */
  devServerUrl?: string;
  /** frame-ancestors only works in a header; a <meta> policy must leave it out. */
  forMeta?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const devOrigins = dev ? [dev.origin, `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Vite's dev client and React Refresh need an inline preamble; the built app has none.
    'script-src': dev ? ["'self'", "'unsafe-inline'", dev.origin] : ["'self'"],
    // The built app links one stylesheet; only the dev server injects <style> elements.
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // The engine is reached over IPC: the renderer itself talks to no server.
    'connect-src': ["'self'", ...devOrigins],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  if (!options.forMeta) directives['frame-ancestors'] = ["'none'"];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Replace (or add) the CSP <meta> of an HTML page with `policy`. */
export function withCspMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const existing = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;
  if (existing.test(html)) return html.replace(existing, meta);
  return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    ${meta}`);
}
