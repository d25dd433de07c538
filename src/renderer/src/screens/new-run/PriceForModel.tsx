// Price a model whose cost is unknown (outside the catalog, or without a catalog price) right from the estimate:
// list prices per 1M tokens and the batch discount, saved as a price override in Settings.
import { useState } from 'react';
import { errorLines } from '../../api.ts';
import { ErrorNote } from '../../components/bits.tsx';
import { saveModelPrice, userPrice } from './price-override.ts';

const number = (text: string) => (text.trim() === '' ? NaN : Number(text));

export function PriceForModel({ model, onSaved }: { model: string; onSaved(): void }) {
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [discount, setDiscount] = useState('0.5');
  const [error, setError] = useState<string[] | null>(null);
  const id = `price-${model.replace(/[^a-z0-9]/gi, '-')}`;
  if (!open)
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => setOpen(true)}
        aria-label={`Set a price for ${model}`}
      >
        Set a price
      </button>
    );
  const save = async () => {
    const [i, o, d] = [number(input), number(output), number(discount)];
    if (![i, o].every((v) => Number.isFinite(v) && v >= 0))
      return setError(['Give the input and output prices in USD per 1M tokens, e.g. 0.15 and 0.60.']);
    if (!(Number.isFinite(d) && d >= 0 && d <= 1))
      return setError(['The batch discount is a fraction from 0 to 1 (0.5 = half price).']);
    try {
      await saveModelPrice(model, userPrice(i, o, d));
      setOpen(false);
      onSaved();
    } catch (e) {
      setError(errorLines(e));
    }
  };
  return (
    <div className="price-form" role="group" aria-label={`Price of ${model}`}>
      <label htmlFor={`${id}-in`}>Input $/1M</label>
      <input id={`${id}-in`} inputMode="decimal" value={input} onChange={(e) => setInput(e.target.value)} />
      <label htmlFor={`${id}-out`}>Output $/1M</label>
      <input
        id={`${id}-out`}
        inputMode="decimal"
        value={output}
        onChange={(e) => setOutput(e.target.value)}
      />
      <label htmlFor={`${id}-discount`}>Batch discount</label>
      <input
        id={`${id}-discount`}
        inputMode="decimal"
        value={discount}
        onChange={(e) => setDiscount(e.target.value)}
      />
      <button type="button" onClick={() => void save()}>
        Save price
      </button>
      <p className="hint">
        List prices from the provider's pricing page; kept in Settings → Price overrides.
      </p>
      <ErrorNote lines={error} />
    </div>
  );
}
