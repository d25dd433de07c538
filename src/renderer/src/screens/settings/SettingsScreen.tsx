// Settings: keys, provider base URLs, poll interval, data folder, price overrides, notifications, the price table.
import { useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { ErrorNote, Field } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import { useModels } from '../new-run/models-store.ts';
import { BaseUrlChanges, BaseUrlsFieldset, baseUrlProblems, changedProviders } from './BaseUrls.tsx';
import { KeysSection } from './KeysSection.tsx';
import { PriceOverrides } from './PriceOverrides.tsx';
import { PriceTable } from './PriceTable.tsx';

type Settings = OperationOutput<'settings.get'>;

export function SettingsScreen() {
  const loaded = useLoad(() => call('settings.get', {}), []);
  return (
    <div className="screen settings">
      <h1 tabIndex={-1}>Settings</h1>
      <KeysSection />
      <ErrorNote lines={loaded.error} title="Settings could not be loaded" />
      {loaded.data ? <EngineSettingsForm initial={loaded.data} /> : null}
      {loaded.data ? <PriceTable initial={loaded.data.price_table} /> : null}
    </div>
  );
}

function EngineSettingsForm({ initial }: { initial: Settings }) {
  const [form, setForm] = useState<Settings>(initial);
  const [saved, setSavedSettings] = useState<Settings>(initial);
  const [confirmed, setConfirmed] = useState(false);
  const [pollSeconds, setPollSeconds] = useState(String(initial.poll_interval_ms / 1000));
  const [savedNote, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);

  const urlProblem = baseUrlProblems(form.base_urls)[0] ?? null;
  const destinationsChanged = changedProviders(saved.base_urls, form.base_urls).length > 0;
  const poll = Number(pollSeconds);
  const pollProblem =
    !Number.isFinite(poll) || poll < 1 || poll > 3600
      ? 'The poll interval must be between 1 and 3600 seconds.'
      : null;

  const save = async () => {
    if (urlProblem || pollProblem) return;
    setSaved(null);
    setError(null);
    if (destinationsChanged && !confirmed) {
      return setError(['Tick the confirmation under the base URLs: a changed base URL receives that provider’s API key.']);
    }
    try {
      const baseUrls = Object.fromEntries(Object.entries(form.base_urls).filter(([, v]) => v));
      const { base_url_changes: _log, ...editable } = form;
      const next = await call('settings.update', {
        ...editable,
        base_urls: baseUrls,
        poll_interval_ms: Math.round(poll * 1000),
        ...(destinationsChanged ? { confirm_base_url_change: true as const } : {}),
      });
      setForm(next);
      setSavedSettings(next);
      setConfirmed(false);
      setSaved('Settings saved.');
      void useModels.getState().refresh();
    } catch (e) {
      setError(errorLines(e));
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="engine-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="engine-title">Engine</h2>
      <BaseUrlsFieldset
        saved={saved.base_urls}
        value={form.base_urls}
        onChange={(base_urls) => setForm({ ...form, base_urls })}
        confirmed={confirmed}
        onConfirm={setConfirmed}
      />
      <Field
        id="poll"
        label="Poll interval (seconds)"
        hint="How often running batches are checked at first; it slows down for long batches."
        error={pollProblem}
      >
        <input
          id="poll"
          inputMode="numeric"
          value={pollSeconds}
          onChange={(e) => setPollSeconds(e.target.value)}
          aria-describedby="poll-hint"
        />
      </Field>
      <Field
        id="data-folder"
        label="Data folder"
        hint="Where runs, results and raw provider files are kept. A change applies after a restart."
      >
        <input
          id="data-folder"
          value={form.data_folder ?? ''}
          onChange={(e) => setForm({ ...form, data_folder: e.target.value })}
          aria-describedby="data-folder-hint"
        />
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.notifications}
          onChange={(e) => setForm({ ...form, notifications: e.target.checked })}
        />{' '}
        Notify me when a run finishes or needs attention
      </label>
      <PriceOverrides
        value={form.price_overrides}
        onChange={(price_overrides) => setForm({ ...form, price_overrides })}
      />
      <ErrorNote lines={error} title="Settings were not saved:" />
      {savedNote ? (
        <p role="status" className="ok">
          {savedNote}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
      <BaseUrlChanges changes={saved.base_url_changes} />
    </form>
  );
}
