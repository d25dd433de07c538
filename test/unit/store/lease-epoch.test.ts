// The monitor lease as a fencing token (issue 13): its epoch grows with every change of holder, never starts over
// after a release, and a holder that lost it cannot extend it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/store.ts';
import { tempDir } from '../../helpers/cli.ts';

describe('lease epochs', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = Store.open(dir.path);
  });
  afterEach(() => {
    store.close();
    dir.cleanup();
  });
  const claim = (holder: string, expires_at: number) => ({ name: 'monitor', holder, pid: 1, host: 'h', expires_at });
  const alive = () => false;

  it('grows with each new holder, stays with a renewing one, and survives a release', () => {
    expect(store.leases.tryAcquire(claim('a', 100), 0, alive)).toBe(1);
    expect(store.leases.tryAcquire(claim('a', 200), 50, alive)).toBe(1);
    expect(store.leases.tryAcquire(claim('b', 300), 150, alive), 'held by a').toBeNull();
    expect(store.leases.tryAcquire(claim('b', 400), 250, alive), 'a expired').toBe(2);
    expect(store.leases.holds('monitor', 'a', 1, 260)).toBe(false);
    expect(store.leases.extend('monitor', 'a', 1, 999)).toBe(false);
    expect(store.leases.holds('monitor', 'b', 2, 260)).toBe(true);
    store.leases.release('monitor', 'b');
    expect(store.leases.tryAcquire(claim('a', 500), 300, alive)).toBe(3);
  });

  it('is taken from a dead holder on this host at once', () => {
    store.leases.tryAcquire(claim('a', 1_000), 0, alive);
    expect(store.leases.tryAcquire(claim('b', 1_000), 10, () => true)).toBe(2);
  });
});
