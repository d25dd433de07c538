// One model's answer to one input: its structured fields (those the models disagree on marked), or its text
// shortened to a few lines with a button that shows all of it; then its tokens and cost.
import { useLayoutEffect, useRef, useState } from 'react';
import type { OperationOutput } from '../../../../shared/contract.ts';
import { StatusBadge } from '../../components/bits.tsx';
import { count, usd } from '../../format.ts';

export type CompareRow = OperationOutput<'runs.compare'>['rows'][number];
type Answer = CompareRow['answers'][string];

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The answer in full, or cut to three lines (CSS) with a button for the rest when it does not fit. */
function AnswerText({ text, label }: { text: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [long, setLong] = useState(false);
  const box = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && !open) setLong(el.scrollHeight > el.clientHeight + 1);
  }, [text, open]);
  return (
    <>
      <p ref={box} className={`answer${open ? '' : ' answer-short'}`} data-testid="compare-answer">
        {text}
      </p>
      {long ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-label={`${open ? 'Shorten' : 'Show all of'} ${label}`}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Show less' : `Show all ${count(text.length)} characters`}
        </button>
      ) : null}
    </>
  );
}

export function CompareCell({
  answer,
  fields,
  row,
  label,
  simulated,
}: {
  answer: Answer | undefined;
  fields: string[];
  row: CompareRow;
  label: string;
  simulated: boolean;
}) {
  if (!answer) return <td>—</td>;
  const parsed =
    answer.parsed && typeof answer.parsed === 'object' ? (answer.parsed as Record<string, unknown>) : null;
  return (
    <td>
      {answer.status !== 'succeeded' ? <StatusBadge status={answer.status} /> : null}
      {answer.error ? <p className="inline-error">{answer.error}</p> : null}
      {parsed && fields.length ? (
        <dl className="facts compact">
          {fields.map((f) => (
            <div key={f} className={row.agreement[f] === false ? 'differ' : undefined}>
              <dt className="mono">{f}</dt>
              <dd>{show(parsed[f])}</dd>
            </div>
          ))}
        </dl>
      ) : answer.output !== null ? (
        <AnswerText text={answer.output} label={label} />
      ) : null}
      <p className="hint answer-usage" data-testid="compare-usage">
        {count(answer.input_tokens)} in / {count(answer.output_tokens)} out · {usd(answer.cost_usd)}
        {simulated && answer.cost_usd !== null ? ' simulated' : ''}
      </p>
    </td>
  );
}
