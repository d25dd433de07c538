// The estimate of a new run as the user types: asked (debounced) from 'runs.estimate', and shown only while it
// answers the draft as it is now. Shared by the New run form and its Embeddings mode.
import { useEffect, useState } from 'react';
import type { OperationInput, OperationOutput } from '../../../../shared/contract.ts';
import { call, errorLines } from '../../api.ts';
import { useDebounced } from '../../hooks.ts';

type Estimate = OperationOutput<'runs.estimate'>;

/** `prices` changes when a price is saved from the estimate: the same draft is estimated again. */
export function useEstimate(input: OperationInput<'runs.estimate'> | null, prices = 0) {
  const key = useDebounced(input ? JSON.stringify({ prices, input }) : null, 400);
  const [answer, setAnswer] = useState<{
    key: string;
    estimate: Estimate | null;
    problems: string[] | null;
  } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    call('runs.estimate', (JSON.parse(key) as { input: NonNullable<typeof input> }).input).then(
      (estimate) => live && setAnswer({ key, estimate, problems: null }),
      (error: unknown) => live && setAnswer({ key, estimate: null, problems: errorLines(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  // An answer is only shown while it answers the draft as it is now; until then the panel says "updating".
  const current = input !== null && answer !== null && answer.key === JSON.stringify({ prices, input });
  return {
    estimate: current ? answer.estimate : null,
    problems: current ? answer.problems : null,
    loading: input !== null && !current,
  };
}
