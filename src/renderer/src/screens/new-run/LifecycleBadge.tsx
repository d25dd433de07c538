// A model's place in its provider's lifecycle, when it is not current: legacy (superseded, still served) or
// deprecated (shutdown announced), with the date and the replacement the provider names.
import type { ModelInfo } from './file-types.ts';

export function lifecycleText(model: ModelInfo): string | null {
  const l = model.lifecycle;
  if (!l || l.status === 'current') return null;
  const shutdown = l.shutdown_on ? `, shuts down ${l.shutdown_on}` : '';
  const instead = l.replacement ? `; use ${l.replacement} instead` : '';
  return `${l.status}${shutdown}${instead}`;
}

export function LifecycleBadge({ model }: { model: ModelInfo }) {
  const text = lifecycleText(model);
  if (!text) return null;
  return (
    <span
      className={`badge lifecycle lifecycle-${model.lifecycle!.status}`}
      title={`Checked ${model.lifecycle!.checked_on}: ${model.lifecycle!.source}`}
    >
      {text}
    </span>
  );
}
