// Choose one or more models, grouped by provider, with what matters for the choice: batch price, context,
// accepted inputs, and whether the provider's key is set.
import { useEffect } from 'react';
import { ErrorNote, SimulatedBadge } from '../../components/bits.tsx';
import { contextSize, tokensPerMillion } from '../../format.ts';
import { hrefOf } from '../../state/route.ts';
import { CustomModels } from './CustomModels.tsx';
import { useDraft } from './draft-store.ts';
import type { ModelInfo } from './file-types.ts';
import { LifecycleBadge } from './LifecycleBadge.tsx';
import { useModels } from './models-store.ts';

const PROVIDER_TITLES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  demo: 'Demo (simulated, free)',
};

export function batchPrice(model: ModelInfo): string {
  if (!model.price) return 'price unknown';
  const factor = 1 - model.price.batch_discount;
  return `${tokensPerMillion(model.price.input_usd_per_mtok * factor)} in · ${tokensPerMillion(model.price.output_usd_per_mtok * factor)} out`;
}

export function groupByProvider(models: ModelInfo[]): [string, ModelInfo[]][] {
  const groups = new Map<string, ModelInfo[]>();
  for (const model of models) groups.set(model.provider, [...(groups.get(model.provider) ?? []), model]);
  return [...groups.entries()];
}

export function ModelPicker({ error }: { error?: string | undefined }) {
  const { models, loaded, error: loadError, refresh } = useModels();
  const chosen = useDraft((s) => s.draft.models);
  const patch = useDraft((s) => s.patch);
  useEffect(() => {
    if (!loaded) void refresh();
  }, [loaded, refresh]);

  const toggle = (id: string) =>
    patch({ models: chosen.includes(id) ? chosen.filter((m) => m !== id) : [...chosen, id] });
  const chat = models.filter((m) => m.endpoints.includes('chat') || m.endpoints.includes('responses'));

  return (
    <div className="model-picker">
      <ErrorNote lines={loadError} title="The model list could not be loaded" />
      {groupByProvider(chat).map(([provider, list]) => (
        <fieldset key={provider} className="model-group">
          <legend>{PROVIDER_TITLES[provider] ?? provider}</legend>
          {list.map((model) => {
            const id = `model-${model.id.replace(/[^a-z0-9]/gi, '-')}`;
            const needsKey = model.provider !== 'demo' && !model.key_set;
            return (
              <div
                key={model.id}
                className={`model-option${chosen.includes(model.id) ? ' model-chosen' : ''}`}
              >
                <input
                  id={id}
                  type="checkbox"
                  checked={chosen.includes(model.id)}
                  onChange={() => toggle(model.id)}
                  aria-describedby={`${id}-details`}
                />
                <label htmlFor={id}>
                  <span className="model-name">{model.id}</span>{' '}
                  <SimulatedBadge simulated={model.simulated} /> <LifecycleBadge model={model} />
                </label>
                <span className="model-details" id={`${id}-details`}>
                  {batchPrice(model)} (batch) · {contextSize(model.context_tokens)} context ·{' '}
                  {model.inputs.join(', ')} ·{' '}
                  {model.provider === 'demo' ? (
                    'no key needed'
                  ) : needsKey ? (
                    <a href={hrefOf({ name: 'settings' })}>key not set</a>
                  ) : (
                    'key set'
                  )}
                </span>
              </div>
            );
          })}
        </fieldset>
      ))}
      {loaded ? <CustomModels catalog={models} /> : null}
      {error ? (
        <p className="inline-error" role="alert" id="models-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
