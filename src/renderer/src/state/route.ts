// Where the user is, kept in location.hash so it works from file:// in Electron. In the browser the page may open
// with `#token=…` first; client/session-token.ts takes it out before the route is read.
import { create } from 'zustand';

export type Route =
  | { name: 'runs' }
  | { name: 'new' }
  | { name: 'models' }
  | { name: 'settings' }
  | { name: 'run'; id: string }
  | { name: 'compare'; id: string }
  | { name: 'agreement'; id: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, tail] = parts;
  if (head === 'runs' && id) return tail === 'compare' || tail === 'agreement' ? { name: tail, id } : { name: 'run', id };
  if (head === 'new') return { name: 'new' };
  if (head === 'models') return { name: 'models' };
  if (head === 'settings') return { name: 'settings' };
  return { name: 'runs' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'compare':
    case 'agreement':
      return `#/runs/${encodeURIComponent(route.id)}/${route.name}`;
    default:
      return `#/${route.name}`;
  }
}

interface RouteState {
  route: Route;
  go(route: Route): void;
}

export const useRoute = create<RouteState>((set) => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  go(route) {
    const href = hrefOf(route);
    if (location.hash !== href) location.hash = href;
    set({ route });
  },
}));

/** Follow location.hash from now on, starting with its current value (the token may just have left it). */
export function startHashSync(): void {
  useRoute.setState({ route: parseHash(location.hash) });
  window.addEventListener('hashchange', () => useRoute.setState({ route: parseHash(location.hash) }));
}
