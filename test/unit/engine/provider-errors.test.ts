// How provider failures are read (issue 13): each kind decides whether a batch ends, waits, or holds its whole
// provider, and carries a reason a user can act on. Keys are redacted by exact value, whatever their shape.
import { describe, expect, it } from 'vitest';
import { SecretsInUse, secretsInUse } from '../../../src/main/core/secrets-in-use.ts';
import { readFailure } from '../../../src/main/engine/provider-errors.ts';
import { KeyResolver } from '../../../src/main/secrets/keys.ts';
import { formatUsd } from '../../../src/shared/money.ts';
import { jsonDepth } from '../../../src/main/server/json-body.ts';

const http = (status: number, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { status, ...extra });
const refused = () => {
  const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5199'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5199 });
  return Object.assign(new Error('Connection error.'), { cause: Object.assign(new TypeError('fetch failed'), { cause: socket }) });
};

describe('readFailure', () => {
  it.each([
    [http(400, 'bad jsonl'), 'validation', false, false, false],
    [http(404, 'No batch found'), 'not_found', false, false, false],
    [http(401, 'Incorrect API key provided'), 'auth', true, false, true],
    [http(400, 'API key not valid. Please pass a valid API key.'), 'auth', true, false, true],
    [http(429, 'You exceeded your current quota', { error: { code: 'insufficient_quota' } }), 'quota', true, false, true],
    [http(400, 'Enqueued token limit reached', { error: { code: 'token_limit_exceeded' } }), 'enqueued_token_limit', true, false, true],
    [http(429, 'rate limited'), 'rate_limit', true, false, false],
    [http(503, 'overloaded'), 'server', true, true, false],
    [refused(), 'network', true, false, false],
    [Object.assign(new Error('Request timed out.'), { name: 'APIConnectionTimeoutError' }), 'timeout', true, true, false],
    [Object.assign(new Error('Request was aborted.'), { name: 'APIUserAbortError' }), 'aborted', true, true, false],
    [new Error('Input file holds 3 requests, expected 4: not sending it.'), 'local', false, false, false],
  ])('%s → %s', (error, kind, transient, mayHaveTakenEffect, blocksProvider) => {
    expect(readFailure(error, 0, 'openai')).toMatchObject({ kind, transient, mayHaveTakenEffect, blocksProvider });
  });

  it('says where a connection failed, and that a key was rejected', () => {
    expect(readFailure(refused(), 0, 'openai').reason).toBe('cannot reach 127.0.0.1:5199: connection refused');
    expect(readFailure(http(401, 'Incorrect API key provided'), 0, 'anthropic').reason).toMatch(/^key rejected by anthropic \(401\): Incorrect API key provided; set a working key with `batchdesk keys set anthropic`/);
    expect(readFailure(http(429, 'slow down', { headers: { 'retry-after': '120' } }), 0).retryAfterMs).toBe(120_000);
  });

  it('redacts every key the key resolver has seen by its exact value, whatever its shape', () => {
    const hex = '0123456789abcdef0123456789abcdef';
    new KeyResolver(null, { OPENAI_API_KEY: hex });
    const failure = readFailure(http(401, `Incorrect API key provided: ${hex}.`), 0, 'openai');
    expect(failure.message).toBe('Incorrect API key provided: 0123….');
    expect(failure.reason).not.toContain(hex);
    expect(secretsInUse.redact(`sk-proj-abcdef1234567890 and AIzaSyA1234567890abc`)).toBe('sk-proj-a… and AIzaSyA1…');
    const own = new SecretsInUse();
    own.add('short');
    own.add('key-one-long-enough');
    own.add('key-one-long-enough-and-longer');
    expect(own.redact('short key-one-long-enough-and-longer key-one-long-enough')).toBe('short key-… key-…');
  });
});

describe('small readers', () => {
  it('formats USD so small limits stay visible', () => {
    expect([25, 1.5, 0.005, 0.0001234, 0.01, 0].map(formatUsd)).toEqual(['$25.00', '$1.50', '$0.005', '$0.000123', '$0.01', '$0.00']);
  });

  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"{"')).toBe(0);
    expect(jsonDepth(`${'['.repeat(3000)}${']'.repeat(3000)}`)).toBe(3000);
  });
});
