// API keys per provider: set, replace or delete. The UI only ever learns "set / not set" (and where a key comes
// from); a typed key is sent once and the field is cleared.
import { useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { useLoad } from '../../hooks.ts';
import { useModels } from '../new-run/models-store.ts';

type KeyStatus = OperationOutput<'keys.status'>[number];
const TITLES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', gemini: 'Google Gemini' };

function KeyRow({ status, onChanged }: { status: KeyStatus; onChanged(): void }) {
  const [value, setValue] = useState('');
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `key-${status.provider}`;

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setValue('');
      setEditing(false);
      onChanged();
      void useModels.getState().refresh();
    } catch (e) {
      // The engine's message never contains the key; do not add it here either.
      setError(errorLines(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (value.trim().length < 8)
      return setError(['That is too short to be an API key: paste the whole key.']);
    void act(() => call('keys.set', { provider: status.provider, key: value.trim() }));
  };

  return (
    <div className="key-row" data-testid={`key-${status.provider}`}>
      <div>
        <strong>{TITLES[status.provider]}</strong>{' '}
        <span
          className={`badge ${status.set ? 'badge-ok' : ''}`}
          data-testid={`key-status-${status.provider}`}
        >
          {status.set ? 'set' : 'not set'}
        </span>
        {status.source === 'environment' ? (
          <span className="hint"> from the environment variable {status.env_var}</span>
        ) : null}
        {status.source === 'keychain' ? <span className="hint"> in the OS keychain</span> : null}
      </div>
      {editing || !status.set ? (
        <form
          className="key-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label htmlFor={id}>{status.set ? 'New key' : 'API key'}</label>
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {status.set ? 'Replace key' : 'Save key'}
          </button>
          {editing ? (
            <button type="button" onClick={() => (setEditing(false), setValue(''))}>
              Cancel
            </button>
          ) : null}
        </form>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => setEditing(true)}>
            Replace…
          </button>
          {status.source === 'keychain' ? (
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                window.confirm(`Delete the ${TITLES[status.provider]} key from the keychain?`) &&
                void act(() => call('keys.delete', { provider: status.provider }))
              }
            >
              Delete
            </button>
          ) : null}
        </div>
      )}
      {status.source === 'environment' ? (
        <p className="hint">
          The environment variable wins over a saved key; unset {status.env_var} to use the keychain.
        </p>
      ) : null}
      <ErrorNote lines={error} />
    </div>
  );
}

export function KeysSection() {
  const { data, error, reload } = useLoad(() => call('keys.status', {}), []);
  return (
    <section className="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="hint">
        Keys are kept in your OS keychain (or read from environment variables). Batchdesk never shows them
        again, writes them to disk, or sends them anywhere but their provider.
      </p>
      <ErrorNote lines={error} title="Key status could not be read" />
      {data?.map((status) => (
        <KeyRow key={status.provider} status={status} onChanged={reload} />
      ))}
    </section>
  );
}
