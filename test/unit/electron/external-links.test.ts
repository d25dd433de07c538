// The one function that opens links (after Actual Budget's external-links test): only http(s) reaches the OS.
import { describe, expect, it, vi } from 'vitest';
import { createLinkOpener, safeExternalUrl } from '../../../src/main/electron/external-links.ts';

function opener() {
  const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
  return { open: createLinkOpener(shell), shell };
}

describe('opening links', () => {
  it('opens https and http links in the browser', async () => {
    const { open, shell } = opener();
    expect(await open('https://platform.openai.com/docs/guides/batch')).toBe(true);
    expect(await open('http://example.org/paper.pdf')).toBe(true);
    expect(shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://platform.openai.com/docs/guides/batch',
      'http://example.org/paper.pdf',
    ]);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/run.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ms-msdt:/id PCWDiagnostic',
    'smb://evil.example/share',
    'batchdesk://open/run',
    'vscode://file/etc/passwd',
    'mailto:someone@example.org',
  ])('refuses %s', async (url) => {
    const { open, shell } = opener();
    expect(await open(url)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses what is not a URL at all', async () => {
    const { open, shell } = opener();
    for (const value of [
      '',
      '/relative/path',
      'not a url',
      null,
      undefined,
      42,
      { href: 'https://x.example' },
      `https://${'a'.repeat(9000)}.example`,
    ]) {
      expect(await open(value)).toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses links that carry credentials (https://trusted@evil)', () => {
    expect(safeExternalUrl('https://platform.openai.com@evil.example/')).toBeNull();
    expect(safeExternalUrl('https://user:pass@example.org/')).toBeNull();
  });

  it('hands the browser the normalised URL, not the raw string', () => {
    expect(safeExternalUrl('HTTPS://Example.ORG/a b')).toBe('https://example.org/a%20b');
  });
});
