// Small pieces used on every screen: empty states, error notes, badges, fields (progress: OutcomeBar.tsx).
import type { ReactNode } from 'react';

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}

/** An error that says what went wrong and what to do; `lines` come from the engine's problems list. */
export function ErrorNote({ lines, title }: { lines: string[] | null | undefined; title?: string }) {
  if (!lines?.length) return null;
  return (
    <div className="error-note" role="alert">
      {title ? <strong>{title}</strong> : null}
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

export function SimulatedBadge({ simulated }: { simulated: boolean }) {
  if (!simulated) return null;
  return (
    <span
      className="badge badge-simulated"
      title="Made by the demo provider: no real model was called and no money was spent"
    >
      simulated
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status status-${status}`}>{status.replace(/_/g, ' ')}</span>;
}

export function Field({
  label,
  hint,
  error,
  children,
  id,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
  id: string;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A horizontally scrollable table area, reachable by keyboard (Tab, then the arrow keys) when it overflows. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
