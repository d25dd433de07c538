// A pilot submits a sample first; the rest waits for the user's release. The sample is spread evenly over the
// inputs (not just the first few) so it represents the whole run.
export function pilotSample(total: number, pilot: number | undefined): number[] {
  if (pilot === undefined || pilot <= 0 || total === 0) return [];
  const size = pilot < 1 ? Math.max(1, Math.round(total * pilot)) : Math.min(total, Math.floor(pilot));
  if (size >= total) return [];
  const step = total / size;
  return Array.from({ length: size }, (_, i) => Math.floor(i * step));
}
