import { defineConfig } from 'vitest/config';

// @plenary/shared and @plenary/server are workspace dependencies of tests/ whose package
// exports point at TypeScript source, so vitest resolves and transforms them directly.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
          // Each file starts real servers; one file at a time keeps timings predictable.
          fileParallelism: false,
        },
      },
      {
        test: {
          // Heavy: fuzzing and the like. `pnpm test:reliability`, also run by CI.
          name: 'reliability',
          include: ['tests/reliability/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 20_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
