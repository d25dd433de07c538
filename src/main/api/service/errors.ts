// Every failure becomes a typed ContractError. Users see what they can fix (invalid input with each problem, not
// found, unavailable here); anything else is an internal error with a safe message, its details only in the log.
// Keys never appear: every message goes through redactKeys, and internal details are not returned at all.
import type { z, ZodType } from 'zod';
import type { ContractError } from '../../../shared/contract.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import { redactKeys } from '../../engine/provider-errors.ts';
import { MissingKeyError } from '../../providers/config.ts';
import { RetiredModelError, UnknownModelError } from '../../providers/registry.ts';
import { KeychainUnavailableError } from '../../secrets/keychain.ts';
import { FutureSchemaError } from '../../store/migrations.ts';

/** Something this face cannot do (a native dialog in the browser, a keychain on a headless server). */
export class UnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/** Something this caller may not do here (a local path outside the allowed folders over HTTP); says the rule. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export const INTERNAL_MESSAGE = 'Something went wrong inside the Batchdesk engine. The details are in its log; try again, and report it if it keeps happening.';

/** Parse untrusted input: a mismatch is an InputError naming each problem (path: message), never the values. */
export function parseInput<S extends ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 50).map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`);
  throw new InputError(problems);
}

/** A problem the user can fix in what they gave: bad input, an unknown model, a missing key. */
export function isInputProblem(error: unknown): error is Error {
  return error instanceof InputError || error instanceof UnknownModelError || error instanceof RetiredModelError || error instanceof MissingKeyError;
}

export function toContractError(error: unknown, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ContractError {
  if (isInputProblem(error)) {
    const problems = error instanceof InputError ? error.problems : [error.message];
    return { code: 'invalid_input', message: redactKeys(error.message), problems: problems.map(redactKeys) };
  }
  if (error instanceof ForbiddenError) return { code: 'forbidden', message: redactKeys(error.message) };
  if (error instanceof NotFoundError) return { code: 'not_found', message: redactKeys(error.message) };
  if (error instanceof UnavailableError || error instanceof KeychainUnavailableError || error instanceof FutureSchemaError) return { code: 'unavailable', message: redactKeys(error.message) };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`batchdesk service: ${redactKeys(detail)}`);
  return { code: 'internal', message: INTERNAL_MESSAGE };
}
