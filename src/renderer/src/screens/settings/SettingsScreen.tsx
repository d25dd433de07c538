// Settings: keys, provider base URLs, poll interval, data folder, price overrides, notifications.
import { useState } from 'react';
import { RealProviderSchema, type OperationOutput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { ErrorNote, Field } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import { useModels } from '../new-run/models-store.ts';
import { KeysSection } from './KeysSection.tsx';
import { PriceOverrides } from './PriceOverrides.tsx';

type Settings = OperationOutput<'settings.get'>;
const PROVIDERS = RealProviderSchema.options;

export function SettingsScreen() {
  const loaded = useLoad(() => call('settings.get', {}), []);
  return (
    <div className="screen settings">
      <h1 tabIndex={-1}>Settings</h1>
      <KeysSection />
      <ErrorNote lines={loaded.error} title="Settings could not be loaded" />
      {loaded.data ? <EngineSettingsForm initial={loaded.data} /> : null}
    </div>
  );
}

function EngineSettingsForm({ initial }: { initial: Settings }) {
  const [form, setForm] = useState<Settings>(initial);
  const [pollSeconds, setPollSeconds] = useState(String(initial.poll_interval_ms / 1000));
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);

  const urlProblem = PROVIDERS.map((p) => form.base_urls[p]).find((u) => u && !/^https?:\/\/[^\s]+$/.test(u));
  const poll = Number(pollSeconds);
  const pollProblem =
    !Number.isFinite(poll) || poll < 1 || poll > 3600
      ? 'The poll interval must be between 1 and 3600 seconds.'
      : null;

  const save = async () => {
    if (urlProblem || pollProblem) return;
    setSaved(null);
    setError(null);
    try {
      const baseUrls = Object.fromEntries(Object.entries(form.base_urls).filter(([, v]) => v));
      const next = await call('settings.update', {
        ...form,
        base_urls: baseUrls,
        poll_interval_ms: Math.round(poll * 1000),
      });
      setForm(next);
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
      <fieldset>
        <legend>Provider base URLs</legend>
        <p className="hint">
          Leave blank for the provider's own API. Set one to use a proxy or a compatible gateway.
        </p>
        {PROVIDERS.map((p) => (
          <Field key={p} id={`base-${p}`} label={p}>
            <input
              id={`base-${p}`}
              type="url"
              placeholder="https://…"
              value={form.base_urls[p] ?? ''}
              onChange={(e) => setForm({ ...form, base_urls: { ...form.base_urls, [p]: e.target.value } })}
            />
          </Field>
        ))}
        {urlProblem ? (
          <p className="inline-error">“{urlProblem}” is not a URL: it must start with http:// or https://.</p>
        ) : null}
      </fieldset>
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
      {saved ? (
        <p role="status" className="ok">
          {saved}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  );
}
