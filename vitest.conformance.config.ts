import { defineConfig } from 'vitest/config';

// Checks our schemas against the official OCPI example payloads in ../shared, which a plain
// clone of this repository does not have; that is why these tests stay out of `npm test`.
export default defineConfig({
  test: {
    include: ['conformance/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
