// files.types: the extensions a run takes, grouped by what the input check makes of them, each extension once. A
// dataset extension is listed under datasets only, although the content check would also read .csv and .tsv as text;
// a .jsonl file is a dataset, or an OpenAI-format requests file when its first line is a request (describe.ts).
import { DATASET_EXTENSIONS } from '../../inputs/dataset.ts';
import { inputKindOf, mediaTypeByName, SUPPORTED_EXTENSIONS } from '../../inputs/attachment.ts';

type Kind = 'pdf' | 'image' | 'text' | 'dataset';

export function supportedTypes(): { kind: Kind; extensions: string[] }[] {
  const byKind = new Map<Kind, Set<string>>([['pdf', new Set()], ['image', new Set()], ['text', new Set()], ['dataset', new Set(DATASET_EXTENSIONS)]]);
  for (const ext of SUPPORTED_EXTENSIONS) {
    if (DATASET_EXTENSIONS.includes(ext)) continue;
    byKind.get(inputKindOf(mediaTypeByName(ext) ?? 'text/plain'))!.add(ext);
  }
  return [...byKind].map(([kind, extensions]) => ({ kind, extensions: [...extensions] }));
}
