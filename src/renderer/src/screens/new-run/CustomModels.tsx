// Choose a model the catalog does not list, typed as provider/model (as the CLI takes it). Its cost is unknown
// until it is priced (from the estimate, or Settings → Price overrides).
import { useState } from 'react';
import { useDraft } from './draft-store.ts';
import { customModelProblem } from './custom-models.ts';
import type { ModelInfo } from './file-types.ts';

export function CustomModels({ catalog }: { catalog: ModelInfo[] }) {
  const chosen = useDraft((s) => s.draft.models);
  const patch = useDraft((s) => s.patch);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const outside = chosen.filter((id) => !catalog.some((m) => m.id === id));
  const add = () => {
    const found = customModelProblem(text, catalog, chosen);
    setProblem(found);
    if (found) return;
    patch({ models: [...chosen, text.trim()] });
    setText('');
  };
  return (
    <fieldset className="model-group custom-models">
      <legend>A model not in the list</legend>
      {outside.map((id) => (
        <div key={id} className="model-option model-chosen">
          <input
            id={`custom-${id.replace(/[^a-z0-9]/gi, '-')}`}
            type="checkbox"
            checked
            onChange={() => patch({ models: chosen.filter((m) => m !== id) })}
          />
          <label htmlFor={`custom-${id.replace(/[^a-z0-9]/gi, '-')}`}>
            <span className="model-name">{id}</span> <span className="badge">outside the catalog</span>
          </label>
          <span className="model-details">
            price from your override, if any; limits assumed from the provider
          </span>
        </div>
      ))}
      <div className="inline-fields">
        <label htmlFor="custom-model">Model id (provider/model)</label>
        <input
          id="custom-model"
          value={text}
          placeholder="openai/gpt-5-nano-2026-10-01"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'custom-model-error' : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          Add model
        </button>
      </div>
      {problem ? (
        <p className="inline-error" id="custom-model-error" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
