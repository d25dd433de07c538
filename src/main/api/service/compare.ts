// runs.compare: several models on the same inputs, one row per input with each model's full answer, tokens and
// cost, per-field agreement, optionally only the inputs where the models disagree; and each model's totals.
import { NotFoundError } from '../../core/errors.ts';
import { inputGroups, type InputGroup } from '../../export/input-groups.ts';
import type { ExportRow } from '../../store/repositories/export-rows.ts';
import type { FeatureHandlers, ServiceDeps } from './types.ts';

function answerOf(row: ExportRow) {
  return { status: row.status, output: row.output, parsed: row.parsed, input_tokens: row.input_tokens, output_tokens: row.output_tokens, cost_usd: row.cost_usd, error: row.error };
}

function rowOf(group: InputGroup) {
  const answers = Object.fromEntries([...group.answers].map(([model, row]) => [model, answerOf(row)]));
  return { input: group.input, answers, agreement: group.agreement, agree: group.agree };
}

export function compareHandlers(deps: ServiceDeps): FeatureHandlers<'runs.compare'> {
  const { store } = deps.host;
  return {
    'runs.compare': async ({ run_id, limit, offset, disagreements_only }) => {
      if (!store.runs.get(run_id)) throw new NotFoundError(`no run "${run_id}"`);
      const fields = store.exportRows.structuredFields(run_id);
      const rows: ReturnType<typeof rowOf>[] = [];
      let skipped = 0;
      let hasMore = false;
      // The scan stops one matching input after the page: that one only says there is more.
      for (const group of inputGroups(store.exportRows.iterate(run_id, { raw: false }), fields)) {
        if (disagreements_only && group.agree) continue;
        if (skipped < offset) {
          skipped += 1;
          continue;
        }
        if (rows.length === limit) {
          hasMore = true;
          break;
        }
        rows.push(rowOf(group));
      }
      return { models: store.jobs.models(run_id), fields, rows, has_more: hasMore, totals: store.exportRows.modelTotals(run_id) };
    },
  };
}
