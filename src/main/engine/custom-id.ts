// custom_id of a job inside one provider batch: "<first 8 hex of the provider batch id>_<job seq>". Matches
// Anthropic's ^[a-zA-Z0-9_-]{1,64}$, tags the remote batch with its local id, and maps results back to jobs
// whatever order they come in.
export function customIdFor(providerBatchId: string, seq: number): string {
  return `${providerBatchId.replace(/-/g, '').slice(0, 8)}_${seq}`;
}

/** The job seq a custom_id names, or null when it does not belong to this provider batch. */
export function seqFromCustomId(providerBatchId: string, customId: string): number | null {
  const prefix = `${providerBatchId.replace(/-/g, '').slice(0, 8)}_`;
  if (!customId.startsWith(prefix)) return null;
  const rest = customId.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}
