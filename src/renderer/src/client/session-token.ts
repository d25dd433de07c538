// Where the browser keeps the admin token: it arrives once in the URL fragment (`#token=…`, which browsers never
// send to a server or put in a Referer), is moved into this tab's sessionStorage (per origin and per tab: other
// local web apps cannot read it, a reload keeps it, closing the tab forgets it) and is wiped from the address bar
// and the history entry at once. A route may follow the token: `#token=…#/runs/ID`.
const KEY = 'batchdesk.admin-token';
const FRAGMENT = /^#token=([A-Za-z0-9_-]{16,1024})(#.*)?$/;

/** The token in the address, if any, stored and removed from the address (the route after it is kept). */
export function takeTokenFromFragment(): string | null {
  const match = FRAGMENT.exec(location.hash);
  if (!match) return null;
  storeToken(match[1]!);
  history.replaceState(history.state, '', `${location.pathname}${location.search}${match[2] ?? ''}`);
  return match[1]!;
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
