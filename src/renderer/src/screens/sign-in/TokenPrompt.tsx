// A browser tab opened without the token (a new tab, a bookmark, a server restarted with a new token): ask for
// the admin token that `batchdesk serve` printed, check it with the server, then start the app.
import { useEffect, useRef, useState } from 'react';
import { isAdminToken } from '../../client/index.ts';
import { ErrorNote } from '../../components/bits.tsx';

export function TokenPrompt({ reason, onToken }: { reason: string | null; onToken(token: string): void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async () => {
    const given = token.trim().replace(/^.*#token=/, '');
    if (!given) return setError(['Enter the admin token (or paste the whole URL that batchdesk serve printed).']);
    setBusy(true);
    setError(null);
    try {
      if (await isAdminToken(location.origin, given)) return onToken(given);
      setError([
        'The server did not accept this token. Use the admin token from the URL that batchdesk serve printed (the part after #token=), not the gateway token.',
      ]);
    } catch {
      setError(['Cannot reach the Batchdesk server: is batchdesk serve still running?']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="content">
      <form
        className="panel"
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1 id="sign-in-title" tabIndex={-1} ref={heading}>
          Batchdesk needs its access token
        </h1>
        {reason ? <p role="status">{reason}</p> : null}
        <p className="hint" id="token-hint">
          <code>batchdesk serve</code> printed a URL ending in <code>#token=…</code>: open that URL, or paste it or
          the token here. This tab keeps the token until it is closed; nothing is stored in cookies.
        </p>
        <div className="field">
          <label htmlFor="admin-token">Admin token</label>
          <input
            id="admin-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-hint"
          />
        </div>
        <ErrorNote lines={error} />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Open Batchdesk'}
          </button>
        </div>
      </form>
    </main>
  );
}
