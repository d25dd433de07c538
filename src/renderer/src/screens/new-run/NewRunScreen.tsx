// New run: inputs, prompt, models, answer format, limits; the estimate follows every change (debounced);
// submit is blocked, with the reason next to the field, until the draft can run.
import { useMemo, useState } from 'react';
import { call, errorLines } from '../../api.ts';
import { ErrorNote, Field } from '../../components/bits.tsx';
import { usd } from '../../format.ts';
import { useRoute } from '../../state/route.ts';
import { checkDraft, estimateBlockers, estimateInput } from './check-draft.ts';
import { useDraft } from './draft-store.ts';
import { DropZone } from './DropZone.tsx';
import { EstimatePanel, RequestPreview } from './EstimatePanel.tsx';
import { EmbeddingsMode, ModeSwitch, useNewRunMode } from './EmbeddingsMode.tsx';
import { useEstimate } from './use-estimate.ts';
import { FileList } from './FileList.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { useModels } from './models-store.ts';
import { ParamsEditor, SchemaEditor } from './ParamsEditor.tsx';
import { PromptEditor } from './PromptEditor.tsx';

export function NewRunScreen() {
  const draft = useDraft((s) => s.draft);
  const patch = useDraft((s) => s.patch);
  const reset = useDraft((s) => s.reset);
  const models = useModels((s) => s.models);
  const go = useRoute((s) => s.go);
  const check = useMemo(() => checkDraft(draft, models), [draft, models]);
  const forEstimate = useMemo(() => estimateInput(draft, models), [draft, models]);
  const [prices, setPrices] = useState(0);
  const { estimate, problems, loading } = useEstimate(forEstimate, prices);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string[] | null>(null);
  const [tried, setTried] = useState(false);

  const blockedReasons = [...Object.values(check.fields), ...(problems ?? [])];
  const canSubmit = check.input !== null && !problems && !submitting;

  const submit = async () => {
    setTried(true);
    if (!check.input || problems) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const { run_id } = await call('runs.create', check.input);
      reset();
      go({ name: 'run', id: run_id });
    } catch (error) {
      setSubmitError(errorLines(error));
    } finally {
      setSubmitting(false);
    }
  };
  const nothingYet = draft.files.length === 0 && !draft.dataset && !draft.requests;
  const [mode, setMode] = useNewRunMode();

  return (
    <div className="screen new-run">
      <h1 tabIndex={-1}>New run</h1>
      <ModeSwitch mode={mode} onChange={setMode} />
      {mode === 'embeddings' ? <EmbeddingsMode /> : <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <section className="panel" aria-labelledby="inputs-title">
          <h2 id="inputs-title">1. Inputs</h2>
          <DropZone problem={tried || !nothingYet ? check.fields.inputs : undefined} />
          <FileList problems={check.files} />
        </section>
        <section className="panel" aria-labelledby="prompt-title">
          <h2 id="prompt-title">2. Prompt</h2>
          <PromptEditor
            promptError={tried || draft.prompt ? check.fields.prompt : undefined}
            templateError={tried || draft.template ? check.fields.template : undefined}
          />
        </section>
        <section className="panel" aria-labelledby="models-title">
          <h2 id="models-title">3. Models</h2>
          <ModelPicker error={tried || draft.models.length ? check.fields.models : undefined} />
          <ParamsEditor error={check.fields.params} />
        </section>
        <section className="panel" aria-labelledby="format-title">
          <h2 id="format-title">4. Answer format</h2>
          <SchemaEditor error={check.fields.schema} />
        </section>
        <EstimatePanel
          estimate={estimate}
          loading={loading}
          problems={problems}
          blockers={estimateBlockers(draft, check)}
          onPriced={() => setPrices((n) => n + 1)}
        />
        <RequestPreview estimate={estimate} />
        <section className="panel" aria-labelledby="limits-title">
          <h2 id="limits-title">5. Limits and start</h2>
          <div className="inline-fields">
            <Field id="run-name" label="Run name (optional)">
              <input id="run-name" value={draft.name} onChange={(e) => patch({ name: e.target.value })} />
            </Field>
            <Field
              id="cost-limit"
              label="Cost limit (USD)"
              hint="Submitting stops, and live batches are cancelled, once the run would cost more."
              error={check.fields.costLimit}
            >
              <input
                id="cost-limit"
                inputMode="decimal"
                value={draft.costLimit}
                onChange={(e) => patch({ costLimit: e.target.value })}
                aria-describedby="cost-limit-hint"
                aria-invalid={check.fields.costLimit ? true : undefined}
              />
            </Field>
          </div>
          <fieldset className="inline-fields">
            <legend>Pilot</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={draft.pilotOn}
                onChange={(e) => patch({ pilotOn: e.target.checked })}
              />
              Send a sample first and wait for me to release the rest
            </label>
            {draft.pilotOn ? (
              <Field
                id="pilot-size"
                label="Sample size (jobs, or a fraction like 0.05)"
                error={check.fields.pilot}
              >
                <input
                  id="pilot-size"
                  inputMode="decimal"
                  value={draft.pilotSize}
                  onChange={(e) => patch({ pilotSize: e.target.value })}
                />
              </Field>
            ) : null}
          </fieldset>
          <fieldset className="inline-fields">
            <legend>Start</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="schedule"
                checked={draft.scheduleMode === 'now'}
                onChange={() => patch({ scheduleMode: 'now' })}
              />{' '}
              Now
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="schedule"
                checked={draft.scheduleMode === 'at'}
                onChange={() => patch({ scheduleMode: 'at' })}
              />{' '}
              At a time
            </label>
            {draft.scheduleMode === 'at' ? (
              <Field id="schedule-at" label="Start at" error={check.fields.schedule}>
                <input
                  id="schedule-at"
                  type="datetime-local"
                  value={draft.scheduleAt}
                  onChange={(e) => patch({ scheduleAt: e.target.value })}
                />
              </Field>
            ) : null}
          </fieldset>
          <ErrorNote lines={submitError} title="The run could not be started:" />
          {tried && blockedReasons.length ? (
            <div className="error-note" role="alert" data-testid="submit-blocked" id="submit-blocked">
              <strong>The run cannot start yet:</strong>
              <ul>
                {blockedReasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="button-row">
            <button
              type="submit"
              className="primary"
              disabled={submitting}
              aria-describedby={!canSubmit && tried ? 'submit-blocked' : undefined}
            >
              {submitting
                ? 'Starting…'
                : draft.scheduleMode === 'at'
                  ? 'Schedule run'
                  : draft.pilotOn
                    ? 'Start pilot'
                    : 'Start run'}
            </button>
            {estimate ? (
              <span className="hint">{`Estimated ${estimate.batch_usd === null ? 'cost unknown' : `batch cost typically ${usd(estimate.batch_usd)}, at most ${usd(estimate.batch_usd_max)}`}${estimate.simulated ? ' (simulated)' : ''}`}</span>
            ) : null}
          </div>
        </section>
      </form>}
    </div>
  );
}
