// New run, Embeddings mode (issue 19): texts in (files cut into chunks by the model's input limit, a dataset column,
// or a requests file), an embedding model, chunking and vector length, the estimate (embeddings bill input tokens
// only), and start. The run's vectors are exported from its page (Parquet, NumPy, JSONL).
import { useEffect, useMemo, useState } from 'react';
import { call, errorLines } from '../../api.ts';
import { ErrorNote, Field, SimulatedBadge } from '../../components/bits.tsx';
import { contextSize, count, usd } from '../../format.ts';
import { useRoute } from '../../state/route.ts';
import { useDraft } from './draft-store.ts';
import { DropZone } from './DropZone.tsx';
import { checkEmbeddings, embeddingModels, useEmbeddings, type NewRunMode } from './embeddings-draft.ts';
import { EstimatePanel } from './EstimatePanel.tsx';
import { FileList } from './FileList.tsx';
import { batchPrice } from './ModelPicker.tsx';
import { useModels } from './models-store.ts';
import { useEstimate } from './use-estimate.ts';

export function useNewRunMode(): [NewRunMode, (mode: NewRunMode) => void] {
  return [useEmbeddings((s) => s.mode), useEmbeddings((s) => s.setMode)];
}

export function ModeSwitch({ mode, onChange }: { mode: NewRunMode; onChange(mode: NewRunMode): void }) {
  return (
    <fieldset className="inline-fields mode-switch">
      <legend>What the run makes</legend>
      {(
        [
          ['text', 'Text answers (a prompt per file or row)'],
          ['embeddings', 'Embeddings (a vector per text)'],
        ] as const
      ).map(([value, label]) => (
        <label key={value} className="checkbox">
          <input type="radio" name="run-mode" checked={mode === value} onChange={() => onChange(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

function EmbeddingModelPicker({ error }: { error?: string | undefined }) {
  const { models: all, loaded, refresh } = useModels();
  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);
  const models = embeddingModels(all);
  const chosen = useEmbeddings((s) => s.options.models);
  const patch = useEmbeddings((s) => s.patch);
  const toggle = (id: string) => patch({ models: chosen.includes(id) ? chosen.filter((m) => m !== id) : [...chosen, id] });
  return (
    <fieldset className="model-group">
      <legend>Embedding models</legend>
      {models.map((model) => {
        const id = `embed-model-${model.id.replace(/[^a-z0-9]/gi, '-')}`;
        return (
          <div key={model.id} className={`model-option${chosen.includes(model.id) ? ' model-chosen' : ''}`}>
            <input id={id} type="checkbox" checked={chosen.includes(model.id)} onChange={() => toggle(model.id)} aria-describedby={`${id}-details`} />
            <label htmlFor={id}>
              <span className="model-name">{model.id}</span> <SimulatedBadge simulated={model.simulated} />
            </label>
            <span className="model-details" id={`${id}-details`}>
              {batchPrice(model)} (batch) · {contextSize(model.context_tokens)} tokens a text ·{' '}
              {model.embedding ? `${count(model.embedding.dimensions)} dimensions${model.embedding.min_dimensions !== undefined ? ' (can be shortened)' : ''}` : 'dimensions unknown'}
            </span>
          </div>
        );
      })}
      <p className="hint" data-testid="no-anthropic-embeddings">
        Anthropic has no embeddings API, so its models are not offered here.
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function NumberField({ id, label, hint, value, error, onChange }: { id: string; label: string; hint: string; value: string; error?: string | undefined; onChange(value: string): void }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`} aria-invalid={error ? true : undefined} />
    </Field>
  );
}

export function EmbeddingsMode() {
  const draft = useDraft((s) => s.draft);
  const resetDraft = useDraft((s) => s.reset);
  const { options, patch, reset } = useEmbeddings();
  const models = useModels((s) => s.models);
  const go = useRoute((s) => s.go);
  const check = useMemo(() => checkEmbeddings(draft, options, models), [draft, options, models]);
  const { estimate, problems, loading } = useEstimate(check.input);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const columns = draft.dataset?.info?.columns ?? [];

  const start = async () => {
    setTried(true);
    if (!check.input || problems) return;
    setBusy(true);
    setError(null);
    try {
      const { run_id } = await call('runs.create', check.input);
      resetDraft();
      reset();
      go({ name: 'run', id: run_id });
    } catch (e) {
      setError(errorLines(e));
    } finally {
      setBusy(false);
    }
  };
  const shown = (field: keyof typeof check.fields) => (tried ? check.fields[field] : undefined);

  return (
    <form
      data-testid="embeddings-mode"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <section className="panel" aria-labelledby="embed-inputs-title">
        <h2 id="embed-inputs-title">1. Texts to embed</h2>
        <p className="hint">Text files and PDFs are cut into chunks that fit the model; each chunk keeps its file and character offsets. A dataset gives one vector per row, a requests file one per /v1/embeddings line.</p>
        <DropZone {...(shown('inputs') ? { problem: shown('inputs')! } : {})} />
        <FileList problems={{}} />
        {draft.dataset ? (
          <Field id="embed-column" label="Column to embed" error={shown('column')}>
            <select id="embed-column" value={options.embedColumn} onChange={(e) => patch({ embedColumn: e.target.value })}>
              <option value="">Choose a column…</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="embed-models-title">
        <h2 id="embed-models-title">2. Model and vectors</h2>
        <EmbeddingModelPicker error={shown('models')} />
        <div className="inline-fields">
          <NumberField id="chunk-tokens" label="Tokens per chunk" hint="Empty: the model's input limit." value={options.chunkTokens} error={check.fields.chunkTokens} onChange={(v) => patch({ chunkTokens: v })} />
          <NumberField id="chunk-overlap" label="Overlap (tokens)" hint="Repeated from the end of the chunk before." value={options.chunkOverlap} error={check.fields.chunkOverlap} onChange={(v) => patch({ chunkOverlap: v })} />
          <NumberField id="dimensions" label="Dimensions" hint="Empty: the model's own; fewer where the model can shorten its vectors." value={options.dimensions} error={check.fields.dimensions} onChange={(v) => patch({ dimensions: v })} />
        </div>
      </section>
      <EstimatePanel estimate={estimate} loading={loading} problems={problems} blockers={[]} onPriced={() => undefined} />
      <p className="hint">Embeddings bill input tokens only: they produce no output tokens.</p>
      <section className="panel" aria-labelledby="embed-start-title">
        <h2 id="embed-start-title">3. Start</h2>
        <ErrorNote lines={error} title="The run could not be started:" />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start embeddings run'}
          </button>
          {estimate ? <span className="hint">{`Estimated ${estimate.batch_usd === null ? 'cost unknown' : `batch cost ${usd(estimate.batch_usd)}`}${estimate.simulated ? ' (simulated)' : ''}`}</span> : null}
        </div>
      </section>
    </form>
  );
}
