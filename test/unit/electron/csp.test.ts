// The renderer's Content Security Policy: scripts only from the app, nothing fetched from the network.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withCspMeta } from '../../../src/main/electron/csp.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('the built app CSP', () => {
  const policy = directives(contentSecurityPolicy());

  it("defaults to 'self' and never allows eval or inline code", () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|\*/);
  });

  it('lets the renderer connect to nothing but itself', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('blocks plugins, frames, <base> hijacking and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('leaves frame-ancestors out of the <meta> form, where browsers ignore it', () => {
    expect(directives(contentSecurityPolicy({ forMeta: true })).has('frame-ancestors')).toBe(false);
  });
});

describe('the development CSP', () => {
  it('adds exactly the dev server (scripts, hot-reload socket, injected styles)', () => {
    const policy = directives(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }));
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(policy.get('script-src')).toContain('http://localhost:5173');
    expect(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' })).not.toContain('unsafe-eval');
  });
});

describe('the CSP <meta> of index.html', () => {
  it("replaces the page's own policy", () => {
    const html = `<head>\n<meta charset="UTF-8" />\n<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src *; style-src 'unsafe-inline'"\n/>\n</head>`;
    const out = withCspMeta(html, "default-src 'self'");
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'" />`);
    expect(out).not.toContain('default-src *');
    expect(out.match(/Content-Security-Policy/g)).toHaveLength(1);
  });

  it('adds one to a page that has none', () => {
    const out = withCspMeta('<html><head><title>x</title></head></html>', "default-src 'self'");
    expect(out).toMatch(
      /<head>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self'" \/>/,
    );
  });
});
