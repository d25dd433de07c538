// The price table every estimate and cost uses: where it came from and when its prices were checked, and "Update
// prices" to load a newer one (a JSON file chosen here, or an http(s) URL fetched on request). The engine checks it
// against the table's schema before it replaces the one in use (models.refresh).
import { useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { useModels } from '../new-run/models-store.ts';

type TableInfo = OperationOutput<'models.refresh'>;

function describe(info: TableInfo): string {
  const loaded = info.loaded_at ? `, loaded ${new Date(info.loaded_at).toLocaleString()}` : '';
  return `${info.models} models, prices checked on ${info.checked_on}, from ${info.origin}${loaded}.`;
}

export function PriceTable({ initial }: { initial: TableInfo | undefined }) {
  const [info, setInfo] = useState(initial);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string[] | null>(null);

  const load = async (input: { table_json: string } | { url: string }) => {
    setBusy(true);
    setNote(null);
    setError(null);
    try {
      const next = await call('models.refresh', input);
      setInfo(next);
      setNote(`Prices updated: ${describe(next)}`);
      void useModels.getState().refresh();
    } catch (e) {
      setError(errorLines(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="prices-title">
      <h2 id="prices-title">Prices</h2>
      <p data-testid="price-table-info">{info ? describe(info) : 'The price table built into this version.'}</p>
      <div className="field">
        <label htmlFor="price-file">Update prices from a file</label>
        <input
          id="price-file"
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void file.text().then((table_json) => load({ table_json }));
          }}
        />
      </div>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void load({ url: url.trim() });
        }}
      >
        <label htmlFor="price-url">Update prices from a URL</label>
        <div className="button-row">
          <input id="price-url" type="url" placeholder="https://…/prices.json" value={url} onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" disabled={busy || !url.trim()}>
            Update prices
          </button>
        </div>
      </form>
      <ErrorNote lines={error} title="The price table was not loaded:" />
      {note ? (
        <p role="status" className="ok">
          {note}
        </p>
      ) : null}
    </section>
  );
}
