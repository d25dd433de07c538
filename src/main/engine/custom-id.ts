// custom_id of a job inside one provider batch: "<first 8 hex of the provider batch id>_<job seq>". Matches
// Anthropic's ^[a-zA-Z0-9_-]{1,64}$, tags the remote batch with its local id, and maps results back to jobs
// whatever order they come in.
export function customIdFor(providerBatchId: string, seq: number): string {
  return `${customIdPrefix(providerBatchId)}${seq}`;
}

/** What every custom_id of a provider batch starts with (computed once per file, not once per line). */
export function customIdPrefix(providerBatchId: string): string {
  return `${providerBatchId.replace(/-/g, '').slice(0, 8)}_`;
}

/** The job seq a custom_id names, or null when it does not start with `prefix` (its provider batch's). */
export function seqFromCustomId(prefix: string, customId: string): number | null {
  if (!customId.startsWith(prefix)) return null;
  const rest = customId.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}
