import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: storage tests each open their own PostgreSQL schema, so files may run side by side.
    maxWorkers: 2,
  },
});
