// The one way a request line is made, for the input file, the estimate's preview and the job detail alike: a line a
// methods bundle pinned (JobSpec.request_line) is sent as it was recorded, with only its custom id replaced; every
// other job goes through its provider's own requestLine.
import type { PlannedRequest, Provider } from '../core/provider.ts';

export async function requestLineFor(provider: Provider, request: PlannedRequest): Promise<unknown> {
  const pinned = request.job.request_line;
  if (!pinned) return provider.requestLine(request);
  // Spreading keeps the recorded key order, so the line differs from the original only in its custom id.
  return { ...pinned.line, [pinned.custom_id_field]: request.customId };
}
