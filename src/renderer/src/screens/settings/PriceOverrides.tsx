// Prices per 1M tokens for models the catalog lacks or whose prices changed; they replace the catalog's.
import type { OperationOutput } from '../../../../shared/contract.ts';
import { useModels } from '../new-run/models-store.ts';

type Overrides = OperationOutput<'settings.get'>['price_overrides'];
type Price = Overrides[string];

const today = () => new Date().toISOString().slice(0, 10);

export function PriceOverrides({ value, onChange }: { value: Overrides; onChange(next: Overrides): void }) {
  const models = useModels((s) => s.models);
  const entries = Object.entries(value);
  const setPrice = (model: string, change: Partial<Price>) =>
    onChange({ ...value, [model]: { ...value[model]!, ...change, as_of: today(), source: 'user override' } });
  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, v])));
  const num = (text: string) => (Number.isFinite(Number(text)) && Number(text) >= 0 ? Number(text) : 0);

  return (
    <fieldset>
      <legend>Price overrides (USD per 1M tokens, list price)</legend>
      {entries.length === 0 ? (
        <p className="hint">
          None: the catalog prices apply. Add one for a model that is not in the catalog or whose price
          changed.
        </p>
      ) : null}
      {entries.length ? (
        <table className="table">
          <caption className="visually-hidden">Price overrides</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Input</th>
              <th scope="col">Output</th>
              <th scope="col">Batch discount</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([model, price], i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Override ${i + 1} model`}
                    list="model-ids"
                    value={model}
                    onChange={(e) => rename(model, e.target.value)}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Override ${i + 1} input price`}
                    inputMode="decimal"
                    defaultValue={price.input_usd_per_mtok}
                    onChange={(e) => setPrice(model, { input_usd_per_mtok: num(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Override ${i + 1} output price`}
                    inputMode="decimal"
                    defaultValue={price.output_usd_per_mtok}
                    onChange={(e) => setPrice(model, { output_usd_per_mtok: num(e.target.value) })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Override ${i + 1} batch discount`}
                    inputMode="decimal"
                    defaultValue={price.batch_discount}
                    onChange={(e) => setPrice(model, { batch_discount: Math.min(1, num(e.target.value)) })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== model)))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <datalist id="model-ids">
        {models.map((m) => (
          <option key={m.id} value={m.id} />
        ))}
      </datalist>
      <button
        type="button"
        onClick={() => {
          let name = 'provider/model';
          for (let n = 2; name in value; n++) name = `provider/model-${n}`;
          onChange({
            ...value,
            [name]: {
              input_usd_per_mtok: 0,
              output_usd_per_mtok: 0,
              batch_discount: 0.5,
              as_of: today(),
              source: 'user override',
            },
          });
        }}
      >
        Add a price override
      </button>
    </fieldset>
  );
}
