// USD as people read it: cents for a dollar or more, and enough digits below that to tell small amounts apart
// (a limit of $0.005 is not "$0.00").
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 1 || size === 0) return `${value < 0 ? '-' : ''}$${size.toFixed(2)}`;
  const digits = Math.min(10, Math.max(2, Math.ceil(-Math.log10(size)) + 2));
  const text = size.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1');
  return `${value < 0 ? '-' : ''}$${text}`;
}
