// The one BatchdeskApi the screens talk to (set once at start-up), and how a failed call reads to a person.
import type { BatchdeskApi, OperationInput, OperationName, OperationOutput } from '../../shared/contract.ts';

let current: BatchdeskApi | null = null;

export function setApi(api: BatchdeskApi): void {
  current = api;
}

export function api(): BatchdeskApi {
  if (!current) throw new Error('Batchdesk is not connected to its engine yet.');
  return current;
}

export function call<N extends OperationName>(
  name: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  return api().call(name, input);
}

/** Whether we run in the desktop app (real file paths) or the browser (uploads, downloads). */
export function isDesktop(): boolean {
  return typeof api().pathForFile === 'function';
}

/** The lines a person should read for a failed call: the message plus each problem the engine named. */
export function errorLines(error: unknown): string[] {
  if (error && typeof error === 'object') {
    const problems = (error as { problems?: unknown }).problems;
    const message = (error as { message?: unknown }).message;
    const lines = Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
    if (lines.length) return lines;
    if (typeof message === 'string' && message) return [message];
  }
  if (typeof error === 'string') return [error];
  return ['Something went wrong. Check that the Batchdesk engine is still running, then try again.'];
}

export function errorText(error: unknown): string {
  return errorLines(error).join('; ');
}
