// Anthropic keeps a batch's results for 29 days after the batch was created, and archived_at says when they went:
// the expiry Batchdesk records follows that, not the end of processing.
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import { describe, expect, it } from 'vitest';
import { resultsExpiry, toRemoteBatch } from '../../../src/main/providers/anthropic/status.ts';

const DAY = 24 * 3600_000;
const batch = (over: Partial<MessageBatch>): MessageBatch => ({
  id: 'msgbatch_1',
  type: 'message_batch',
  processing_status: 'ended',
  request_counts: { processing: 0, succeeded: 1, errored: 0, canceled: 0, expired: 0 },
  created_at: '2026-11-01T10:00:00Z',
  ended_at: '2026-11-01T22:00:00Z',
  expires_at: '2026-11-02T10:00:00Z',
  archived_at: null,
  cancel_initiated_at: null,
  results_url: 'https://example.test/results',
  ...over,
});

describe('Anthropic results expiry', () => {
  it('is 29 days after creation, not after the end of processing', () => {
    const remote = toRemoteBatch(batch({}));
    expect(remote.resultsExpireAt).toBe(Date.parse('2026-11-01T10:00:00Z') + 29 * DAY);
    expect(remote.resultsExpireAt).not.toBe(Date.parse('2026-11-01T22:00:00Z') + 29 * DAY);
  });

  it('is archived_at once the batch has been archived', () => {
    expect(resultsExpiry(batch({ archived_at: '2026-11-20T00:00:00Z' }))).toBe(Date.parse('2026-11-20T00:00:00Z'));
  });

  it('is known while the batch still runs', () => {
    expect(toRemoteBatch(batch({ processing_status: 'in_progress', ended_at: null })).resultsExpireAt).toBe(Date.parse('2026-11-01T10:00:00Z') + 29 * DAY);
  });
});
