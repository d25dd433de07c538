// methods.md: a drafted methods paragraph for a paper, written from the bundle's manifest only (so every figure in
// it can be checked against manifest.json), followed by the facts a reporting checklist asks for.
import type { BundleManifest } from '../../../shared/methods-bundle.ts';

const usd = (value: number | null) => (value === null ? 'an unknown amount' : `US$${value.toFixed(value < 1 ? 4 : 2)}`);
const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function inputsSentence(m: BundleManifest): string {
  const recipe = m.run.recipe;
  const units = new Set(m.inputs.map((i) => i.label)).size;
  if (recipe?.dataset) return `${units} rows of a dataset (${recipe.dataset.path.split(/[\\/]/).at(-1)}, SHA-256 ${recipe.dataset.sha256.slice(0, 12)}…), each turned into a prompt by the template in template.txt`;
  if (recipe?.source === 'requests' && recipe.requests) return `${units} requests from an OpenAI-format batch file (SHA-256 ${recipe.requests.sha256.slice(0, 12)}…)`;
  if (m.inputs.every((i) => i.kind === 'file')) return `${units} files (SHA-256 of each in manifest.json), each sent with the prompt in prompt.txt`;
  return `${units} inputs`;
}

function modelsSentence(m: BundleManifest): string {
  return list(
    m.models.map((model) => {
      const returned = model.returned.filter((r) => r !== model.id && `${model.provider}/${r}` !== model.id);
      return returned.length ? `${model.id} (reported by the provider as ${list(returned)})` : model.id;
    }),
  );
}

function parametersSentence(m: BundleManifest): string {
  const set = m.parameters.filter((p) => p.origin !== 'not sent');
  const shown = [...new Set(set.map((p) => `${p.name} = ${JSON.stringify(p.value)}${p.origin === 'batchdesk default' ? ' (Batchdesk default)' : ''}`))];
  const unsent = [...new Set(m.parameters.filter((p) => p.origin === 'not sent').map((p) => p.name))];
  return `${shown.length ? `Generation parameters: ${list(shown)}.` : 'No generation parameter was set.'}${unsent.length ? ` ${list(unsent)} ${unsent.length > 1 ? 'were' : 'was'} not sent, so each provider's default for the model applied.` : ''}`;
}

function timesSentence(m: BundleManifest): string {
  const submitted = m.provider_batches.map((b) => b.submitted_at).filter((t): t is string => t !== null).sort();
  // Where a provider reports no end time, the results' arrival stands for it.
  const finished = m.provider_batches.map((b) => b.finished_at ?? b.ingested_at).filter((t): t is string => t !== null).sort();
  const sent = m.provider_batches.filter((b) => b.remote_id !== null);
  const when = submitted.length ? ` between ${submitted[0]} and ${finished.at(-1) ?? 'a time not recorded'} (UTC)` : '';
  return `The requests were sent in ${sent.length} provider batch${sent.length === 1 ? '' : 'es'}${when}; their batch ids are listed in manifest.json.`;
}

export function methodsText(m: BundleManifest): string {
  const sdks = Object.entries(m.software.sdks).map(([name, version]) => `${name} ${version ?? '(not installed)'}`);
  const ok = m.jobs.by_status.succeeded ?? 0;
  const prices = [...new Set(m.models.map((model) => (model.price ? `${model.price.source}, as of ${model.price.as_of}` : 'no known price')))];
  const paragraph = [
    `We sent ${inputsSentence(m)}; each went to ${m.models.length === 1 ? 'one model' : `${m.models.length} models`} (${modelsSentence(m)}) through the providers' batch APIs, using Batchdesk ${m.software.batchdesk} (Node.js ${m.software.node}; ${list(sdks)}).`,
    m.schemas.length ? 'Answers were constrained to the JSON Schema in schema.json (structured output).' : 'Answers were free text.',
    parametersSentence(m),
    timesSentence(m),
    `Of ${m.jobs.total} requests, ${ok} succeeded${ok < m.jobs.total ? ` (${Object.entries(m.jobs.by_status).filter(([s]) => s !== 'succeeded').map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}.`,
    `The run cost ${usd(m.cost.actual_usd)} at batch prices (estimated beforehand at ${usd(m.cost.estimated_usd)}), priced from ${list(prices)}.`,
    m.run.simulated ? "These figures come from Batchdesk's demo provider: no model was called, and answers and costs are simulated." : '',
    'The request lines as sent, every parameter, the SHA-256 of every input and the provider batch ids are in the accompanying methods bundle.',
  ].filter(Boolean);
  const facts = [
    `- Run: ${m.run.id} ("${m.run.name}"), created ${m.run.created_at}${m.run.finished_at ? `, finished ${m.run.finished_at}` : ''}, status ${m.run.status}`,
    `- Models: ${m.models.map((model) => `${model.id}${model.returned.length ? ` → ${model.returned.join(', ')}` : ''}`).join('; ')}`,
    `- Parameters: ${m.parameters.map((p) => `${p.model} ${p.name} = ${p.origin === 'not sent' ? 'provider default' : JSON.stringify(p.value)}`).join('; ')}`,
    `- Provider batches: ${m.provider_batches.map((b) => `${b.provider} ${b.remote_id ?? '(not sent)'}`).join('; ')}`,
    `- Prices: catalog checked on ${m.price_table.checked_on}; ${prices.join('; ')}`,
    `- Software: Batchdesk ${m.software.batchdesk}, Node.js ${m.software.node} (${m.software.platform}), ${sdks.join(', ')}`,
    `- Bundle written ${m.created_at}; re-run with \`batchdesk run --from-bundle DIR\``,
  ];
  return `# Methods (draft)\n\n${paragraph.join(' ')}\n\n## Facts behind the paragraph\n\n${facts.join('\n')}\n`;
}
