// Errors a user can fix: bad input (exit code 2 in the CLI), each naming the problem. Nothing is written to the
// store when one is thrown during run creation.
export class InputError extends Error {
  readonly problems: string[];
  constructor(problems: string[] | string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.length === 1 ? list[0]! : `${list.length} problems:\n  - ${list.slice(0, 20).join('\n  - ')}${list.length > 20 ? `\n  … and ${list.length - 20} more` : ''}`);
    this.name = 'InputError';
    this.problems = list;
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'NotFoundError';
  }
}
