// Generation parameters, structured output (a field list or a JSON Schema) and citations.
import { Field } from '../../components/bits.tsx';
import { useDraft, type SchemaField } from './draft-store.ts';
import { schemaFromFields } from './check-draft.ts';

const TYPES: SchemaField['type'][] = ['string', 'number', 'integer', 'boolean', 'array of strings'];

export function ParamsEditor({ error }: { error?: string | undefined }) {
  const draft = useDraft((s) => s.draft);
  const patch = useDraft((s) => s.patch);
  return (
    <fieldset className="params">
      <legend>Parameters</legend>
      <div className="inline-fields">
        <Field id="temperature" label="Temperature" hint="0–2; blank = the model's default">
          <input
            id="temperature"
            inputMode="decimal"
            value={draft.temperature}
            onChange={(e) => patch({ temperature: e.target.value })}
            aria-describedby="temperature-hint"
          />
        </Field>
        <Field id="max-tokens" label="Max output tokens" hint="Also caps the cost estimate">
          <input
            id="max-tokens"
            inputMode="numeric"
            value={draft.maxTokens}
            onChange={(e) => patch({ maxTokens: e.target.value })}
            aria-describedby="max-tokens-hint"
          />
        </Field>
        <Field id="top-p" label="Top p" hint="0–1; blank = default">
          <input
            id="top-p"
            inputMode="decimal"
            value={draft.topP}
            onChange={(e) => patch({ topP: e.target.value })}
            aria-describedby="top-p-hint"
          />
        </Field>
      </div>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function SchemaEditor({ error }: { error?: string | undefined }) {
  const draft = useDraft((s) => s.draft);
  const patch = useDraft((s) => s.patch);
  const setField = (index: number, change: Partial<SchemaField>) =>
    patch({ fields: draft.fields.map((f, i) => (i === index ? { ...f, ...change } : f)) });
  const toJson = () =>
    patch({ schemaMode: 'json', schemaJson: JSON.stringify(schemaFromFields(draft.fields), null, 2) });

  return (
    <fieldset className="schema-editor">
      <legend>Answer format</legend>
      <div className="segmented" role="radiogroup" aria-label="Answer format">
        {(
          [
            ['none', 'Free text'],
            ['fields', 'Fields'],
            ['json', 'JSON Schema'],
          ] as const
        ).map(([mode, label]) => (
          <label key={mode}>
            <input
              type="radio"
              name="schema-mode"
              checked={draft.schemaMode === mode}
              onChange={() =>
                mode === 'json' && draft.schemaMode === 'fields' ? toJson() : patch({ schemaMode: mode })
              }
            />
            {label}
          </label>
        ))}
      </div>
      {draft.schemaMode === 'fields' ? (
        <table className="table field-table">
          <caption className="visually-hidden">Fields to extract</caption>
          <thead>
            <tr>
              <th scope="col">Field name</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.fields.map((field, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Field ${i + 1} name`}
                    value={field.name}
                    onChange={(e) => setField(i, { name: e.target.value })}
                    placeholder="e.g. title"
                  />
                </td>
                <td>
                  <select
                    aria-label={`Field ${i + 1} type`}
                    value={field.type}
                    onChange={(e) => setField(i, { type: e.target.value as SchemaField['type'] })}
                  >
                    {TYPES.map((t) => (
                      <option key={t}>{t}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Field ${i + 1} description`}
                    value={field.description}
                    onChange={(e) => setField(i, { description: e.target.value })}
                    placeholder="what to put here"
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove field ${i + 1}`}
                    onClick={() => patch({ fields: draft.fields.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>
                <button
                  type="button"
                  onClick={() =>
                    patch({ fields: [...draft.fields, { name: '', type: 'string', description: '' }] })
                  }
                >
                  Add field
                </button>
              </td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      {draft.schemaMode === 'json' ? (
        <Field
          id="schema-json"
          label="JSON Schema"
          hint="The answer must match this schema; answers that do not are marked as schema violations."
        >
          <textarea
            id="schema-json"
            className="code"
            rows={10}
            spellCheck={false}
            value={draft.schemaJson}
            onChange={(e) => patch({ schemaJson: e.target.value })}
            aria-describedby="schema-json-hint"
          />
        </Field>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.citations}
          onChange={(e) => patch({ citations: e.target.checked })}
        />
        Ask for citations (quoted passages from the input, where the model supports it)
      </label>
    </fieldset>
  );
}
