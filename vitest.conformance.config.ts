import { defineConfig } from 'vitest/config';

// Conformance tests run only under ../shared/conformance/run-conformance.sh (Prism mocks on loopback).
export default defineConfig({
  test: { include: ['test/conformance/**/*.test.ts'], testTimeout: 60_000, pool: 'forks' },
});
