// The OS notification at the end of a run: what it says, and that the setting is respected.
import { describe, expect, it, vi } from 'vitest';
import { createRunNotifier, runNotification } from '../../../src/main/electron/notifications.ts';
import type { ContractEvent } from '../../../src/shared/contract.ts';

const counts = (over: Partial<Record<'succeeded' | 'failed' | 'expired' | 'cancelled', number>>) => {
  const c = { succeeded: 0, failed: 0, expired: 0, cancelled: 0, ...over };
  return { total: c.succeeded + c.failed + c.expired + c.cancelled, pending: 0, running: 0, ...c };
};
const finished = (status: 'completed' | 'cancelled', c: ReturnType<typeof counts>): ContractEvent => ({
  type: 'finished',
  run_id: 'run-1',
  status,
  counts: c,
});

describe('what the notification says', () => {
  it('a run that succeeded', () => {
    expect(runNotification(finished('completed', counts({ succeeded: 3000 })), 'PDF fields')).toEqual({
      run_id: 'run-1',
      title: 'Run finished',
      body: 'PDF fields: 3,000 jobs succeeded.',
    });
  });

  it('a run with some failures', () => {
    expect(
      runNotification(finished('completed', counts({ succeeded: 95, failed: 3, expired: 2 })), 'Survey'),
    ).toMatchObject({ title: 'Run finished with failures', body: 'Survey: 95 succeeded, 5 failed.' });
  });

  it('a run that failed entirely', () => {
    expect(runNotification(finished('completed', counts({ failed: 1 })), 'Test')).toMatchObject({
      title: 'Run failed',
      body: 'Test: all 1 job failed. Open it to see why.',
    });
  });

  it('a cancelled run', () => {
    expect(
      runNotification(finished('cancelled', counts({ succeeded: 1, cancelled: 9 })), 'Big'),
    ).toMatchObject({ title: 'Run stopped' });
  });

  it('nothing for progress, status or warnings', () => {
    expect(
      runNotification({ type: 'progress', run_id: 'r', counts: counts({}), cost_usd: 0 }, 'x'),
    ).toBeNull();
    expect(
      runNotification(
        { type: 'warning', run_id: 'r', provider_batch_id: null, code: 'c', message: 'm' },
        'x',
      ),
    ).toBeNull();
  });
});

describe('the notifier', () => {
  const event = finished('completed', counts({ succeeded: 2 }));

  it('shows a notification when notifications are on', async () => {
    const show = vi.fn();
    await createRunNotifier({ enabled: async () => true, runName: async () => 'Abstracts', show })(event);
    expect(show).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Run finished', body: 'Abstracts: 2 jobs succeeded.' }),
    );
  });

  it('stays silent when the user turned notifications off', async () => {
    const show = vi.fn();
    await createRunNotifier({ enabled: async () => false, runName: async () => 'x', show })(event);
    expect(show).not.toHaveBeenCalled();
  });

  it('falls back to the run id when the name cannot be read, and never throws', async () => {
    const show = vi.fn();
    await createRunNotifier({ enabled: async () => true, runName: async () => null, show })(event);
    expect(show.mock.calls[0]![0].body).toContain('run-1');
    const log = vi.fn();
    await expect(
      createRunNotifier({
        enabled: async () => Promise.reject(new Error('db closed')),
        runName: async () => 'x',
        show,
        log,
      })(event),
    ).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('db closed'));
  });
});
