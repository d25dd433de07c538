// Provider base URLs: where each provider's API key is sent. A change must be confirmed (the server insists over
// HTTP), plain http is only for this machine, and the latest changes are listed with who made them.
import { RealProviderSchema, type OperationOutput } from '../../../../shared/contract.ts';
import { baseUrlProblem } from '../../../../shared/base-url.ts';
import { Field } from '../../components/bits.tsx';
import { time } from '../../format.ts';

type Settings = OperationOutput<'settings.get'>;
type BaseUrls = Settings['base_urls'];
export const PROVIDERS = RealProviderSchema.options;

/** Providers whose base URL differs from the saved one (blank = the provider's own API). */
export function changedProviders(saved: BaseUrls, edited: BaseUrls): string[] {
  return PROVIDERS.filter((p) => (saved[p] || '') !== (edited[p] || ''));
}

export function baseUrlProblems(urls: BaseUrls): string[] {
  return PROVIDERS.map((p) => (urls[p] ? baseUrlProblem(urls[p]) : null)).filter((p): p is string => p !== null);
}

export function BaseUrlsFieldset(props: {
  saved: BaseUrls;
  value: BaseUrls;
  onChange(value: BaseUrls): void;
  confirmed: boolean;
  onConfirm(confirmed: boolean): void;
}) {
  const { saved, value, onChange, confirmed, onConfirm } = props;
  const changed = changedProviders(saved, value);
  const problems = baseUrlProblems(value);
  return (
    <fieldset>
      <legend>Provider base URLs</legend>
      <p className="hint">
        Leave blank for the provider's own API. Set one to use a proxy or a compatible gateway: that provider's API
        key is sent there. Addresses outside this machine must use https://.
      </p>
      {PROVIDERS.map((p) => (
        <Field key={p} id={`base-${p}`} label={p}>
          <input
            id={`base-${p}`}
            type="url"
            placeholder="https://…"
            value={value[p] ?? ''}
            onChange={(e) => onChange({ ...value, [p]: e.target.value })}
          />
        </Field>
      ))}
      {problems.map((problem) => (
        <p key={problem} className="inline-error">
          {problem}
        </p>
      ))}
      {changed.length ? (
        <label className="checkbox confirm-destination">
          <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} /> I confirm: my{' '}
          {changed.join(', ')} API key{changed.length > 1 ? 's' : ''} will be sent to the new address
          {changed.length > 1 ? 'es' : ''}.
        </label>
      ) : null}
    </fieldset>
  );
}

export function BaseUrlChanges({ changes }: { changes: Settings['base_url_changes'] }) {
  if (changes.length === 0) return null;
  const where = (url: string | null) => url ?? "the provider's own API";
  return (
    <section className="base-url-changes" aria-labelledby="base-url-changes-title">
      <h3 id="base-url-changes-title">Base URL changes</h3>
      <ol className="timeline" aria-label="Base URL changes, newest first">
        {changes.map((c, i) => (
          <li key={`${c.at}-${c.provider}-${i}`}>
            <time dateTime={new Date(c.at).toISOString()}>{time(c.at)}</time> {c.provider}: {where(c.from)} →{' '}
            {where(c.to)} <span className="hint">({c.via})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
