import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start processes and run CLI commands; on a loaded 2-core machine each takes seconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: storage tests each open their own PostgreSQL schema, so files may run side by side.
    maxWorkers: 2,
  },
});
