// "1 job", "2 jobs", "1,204 jobs": a count with its noun in the right form. Irregular plurals are given:
// plural(n, 'batch', 'batches'). Shared so every face (UI, CLI, engine messages) says it the same way.
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
