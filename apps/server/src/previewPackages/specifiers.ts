/**
 * The packages the Code preview may import, and which of their entry points (import
 * specifiers): the runtime libraries of the React, Vue and Svelte templates at the versions the
 * templates pin. Only these are built into the served directory; the route serves nothing else.
 * React ships CommonJS, so its entries get a wrapper that names every export (esbuild cannot
 * know a CommonJS module's names); the others are ES modules re-exported as they are.
 */
export type PreviewEntry = { specifier: string; format: 'cjs' | 'esm' }

export const PREVIEW_PACKAGES: Record<string, readonly PreviewEntry[]> = {
  react: [
    { specifier: 'react', format: 'cjs' },
    { specifier: 'react/jsx-runtime', format: 'cjs' },
    { specifier: 'react/jsx-dev-runtime', format: 'cjs' },
  ],
  'react-dom': [
    { specifier: 'react-dom', format: 'cjs' },
    { specifier: 'react-dom/client', format: 'cjs' },
  ],
  vue: [{ specifier: 'vue', format: 'esm' }],
  svelte: [
    'svelte',
    'svelte/animate',
    'svelte/attachments',
    'svelte/easing',
    'svelte/events',
    'svelte/internal/client',
    'svelte/internal/disclose-version',
    'svelte/internal/flags/async',
    'svelte/internal/flags/legacy',
    'svelte/motion',
    'svelte/reactivity',
    'svelte/store',
    'svelte/transition',
  ].map((specifier) => ({ specifier, format: 'esm' as const })),
}

/** A specifier as a file name stem: `react-dom/client` → `react-dom__client`. */
export function entryStem(specifier: string): string {
  return specifier.replaceAll('/', '__')
}
