// files.types: the extensions a run takes, grouped by what the input check makes of them. A dataset extension is
// listed once, under datasets, although the content check would also read .csv and .tsv as text; .jsonl is both a
// dataset and an OpenAI-format requests file (the first line decides).
import { DATASET_EXTENSIONS } from '../../inputs/dataset.ts';
import { inputKindOf, mediaTypeByName, SUPPORTED_EXTENSIONS } from '../../inputs/attachment.ts';

type Kind = 'pdf' | 'image' | 'text' | 'dataset' | 'requests';

export function supportedTypes(): { kind: Kind; extensions: string[] }[] {
  const byKind = new Map<Kind, Set<string>>([['pdf', new Set()], ['image', new Set()], ['text', new Set()], ['dataset', new Set(DATASET_EXTENSIONS)], ['requests', new Set(['.jsonl'])]]);
  for (const ext of SUPPORTED_EXTENSIONS) {
    if (DATASET_EXTENSIONS.includes(ext)) continue;
    byKind.get(inputKindOf(mediaTypeByName(ext) ?? 'text/plain'))!.add(ext);
  }
  return [...byKind].map(([kind, extensions]) => ({ kind, extensions: [...extensions] }));
}
