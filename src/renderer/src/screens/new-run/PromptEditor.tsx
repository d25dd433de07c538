// Prompt (for files) or template (for a dataset, with {{column}} chips that insert at the cursor), and the
// system prompt.
import { useRef } from 'react';
import { Field } from '../../components/bits.tsx';
import { useDraft } from './draft-store.ts';

export function PromptEditor({
  promptError,
  templateError,
}: {
  promptError?: string | undefined;
  templateError?: string | undefined;
}) {
  const draft = useDraft((s) => s.draft);
  const patch = useDraft((s) => s.patch);
  const area = useRef<HTMLTextAreaElement>(null);
  const columns = draft.dataset?.info?.columns ?? [];
  const isTemplate = draft.dataset !== null;
  const value = isTemplate ? draft.template : draft.prompt;
  const set = (text: string) => patch(isTemplate ? { template: text } : { prompt: text });

  const insert = (column: string) => {
    const el = area.current;
    const token = `{{${column}}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    set(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <>
      <Field
        id="prompt"
        label={isTemplate ? 'Template (one request per dataset row)' : 'Prompt'}
        hint={
          isTemplate
            ? 'Insert a column with the buttons below; {{column}} is replaced by that row’s value.'
            : 'Sent with every file, e.g. “Extract the title, authors and year.”'
        }
        error={isTemplate ? templateError : promptError}
      >
        <textarea
          id="prompt"
          ref={area}
          rows={5}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={(isTemplate ? templateError : promptError) ? true : undefined}
          aria-describedby={`prompt-hint${(isTemplate ? templateError : promptError) ? ' prompt-error' : ''}`}
        />
      </Field>
      {isTemplate && columns.length > 0 ? (
        <div className="chips" role="group" aria-label="Insert a dataset column">
          {columns.map((column) => (
            <button key={column} type="button" className="chip" onClick={() => insert(column)}>
              {`{{${column}}}`}
            </button>
          ))}
        </div>
      ) : null}
      <Field
        id="system"
        label="System prompt (optional)"
        hint="Instructions that apply to every request, e.g. the role or the answer language."
      >
        <textarea
          id="system"
          rows={2}
          value={draft.system}
          onChange={(e) => patch({ system: e.target.value })}
          aria-describedby="system-hint"
        />
      </Field>
    </>
  );
}
