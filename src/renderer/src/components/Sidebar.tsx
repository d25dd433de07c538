// The frame's navigation: four places, reachable by Tab, the arrow keys, or Alt+1..4.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { hrefOf, useRoute, type Route } from '../state/route.ts';

const PLACES: { route: Route; label: string; matches: Route['name'][] }[] = [
  { route: { name: 'runs' }, label: 'Runs', matches: ['runs', 'run', 'compare', 'agreement'] },
  { route: { name: 'new' }, label: 'New run', matches: ['new'] },
  { route: { name: 'models' }, label: 'Models', matches: ['models'] },
  { route: { name: 'settings' }, label: 'Settings', matches: ['settings'] },
];

export function Sidebar() {
  const route = useRoute((s) => s.route);
  const go = useRoute((s) => s.go);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const place = PLACES[index];
      if (place) {
        event.preventDefault();
        go(place.route);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll('a') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[(at + (event.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length];
    event.preventDefault();
    next?.focus();
  };

  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">Batchdesk</div>
      <ul ref={list} onKeyDown={onKeyDown}>
        {PLACES.map((place, i) => {
          const current = place.matches.includes(route.name);
          return (
            <li key={place.label}>
              <a
                href={hrefOf(place.route)}
                aria-current={current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
              >
                {place.label}
                <span className="shortcut" aria-hidden="true">
                  Alt+{i + 1}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
