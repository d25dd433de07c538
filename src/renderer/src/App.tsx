// The frame: sidebar, live updates, and the screen for the current route.
import { useEffect } from 'react';
import { Sidebar } from './components/Sidebar.tsx';
import { AgreementScreen } from './screens/agreement/AgreementScreen.tsx';
import { CompareScreen } from './screens/compare/CompareScreen.tsx';
import { ModelsScreen } from './screens/models/ModelsScreen.tsx';
import { NewRunScreen } from './screens/new-run/NewRunScreen.tsx';
import { RunDetailScreen } from './screens/run/RunDetailScreen.tsx';
import { RunsScreen } from './screens/runs/RunsScreen.tsx';
import { SettingsScreen } from './screens/settings/SettingsScreen.tsx';
import { startLiveUpdates } from './state/live.ts';
import { useRoute, type Route } from './state/route.ts';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'new':
      return <NewRunScreen />;
    case 'models':
      return <ModelsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'run':
      return <RunDetailScreen key={route.id} runId={route.id} />;
    case 'compare':
      return <CompareScreen key={route.id} runId={route.id} />;
    case 'agreement':
      return <AgreementScreen key={route.id} runId={route.id} />;
    default:
      return <RunsScreen />;
  }
}

export function App() {
  const route = useRoute((s) => s.route);
  useEffect(() => startLiveUpdates(), []);
  useEffect(() => {
    // Move focus to the new screen's heading so keyboard and screen-reader users know where they are.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route]);
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => (e.preventDefault(), document.getElementById('content')?.focus())}
      >
        Skip to content
      </a>
      <Sidebar />
      <main id="content" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
}
