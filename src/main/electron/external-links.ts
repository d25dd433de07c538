// The one way the desktop app opens a link: in the user's browser, and only for http(s). Anything else
// (javascript:, file:, data:, smb:, custom app schemes that could launch programs) is refused.
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** The URL to hand to the OS, or null when it must not be opened. */
export function safeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string' || candidate.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol) || !url.hostname) return null;
  // Credentials in a link are a phishing device (https://trusted.example@evil.example/), never needed here.
  if (url.username || url.password) return null;
  return url.href;
}

/** The part of Electron's `shell` this module wraps. */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** The only function in the app that opens a link; nothing else calls shell.openExternal. */
export function createLinkOpener(shell: ExternalOpener): (url: unknown) => Promise<boolean> {
  return async (candidate) => {
    const url = safeExternalUrl(candidate);
    if (url === null) return false;
    await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: url passed safeExternalUrl (http/https only) just above
    return true;
  };
}
