import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
const api = { target: 'http://127.0.0.1:3000', changeOrigin: false };

/**
 * The browser needs only the route descriptors' method + path and a few enums / catalogs from
 * contracts/, not zod itself (~60 KB gzip). This serves each contracts module to the web build as
 * plain data: route maps as { method, path }, zod enums as { options, enum }, plain objects as JSON.
 * Any other schema is left out, so a web import of it fails the build instead of shipping zod.
 */
function contractsAsData(): Plugin {
  // Loaded at build time with tsx (not imported by this file, so Vite's config loader stays simple).
  const load = (name: string) =>
    tsImport(`./contracts/${name}.ts`, import.meta.url) as Promise<Record<string, unknown>>;
  const isRoute = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { method?: unknown }).method === 'string' &&
    'path' in v;
  const emit = (value: unknown): string | null => {
    if (typeof value === 'function') return null;
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    const def = (value as { _zod?: { def?: { type?: string } } })._zod?.def;
    if (def) {
      if (def.type !== 'enum') return null;
      const e = value as { options: unknown[]; enum: unknown };
      return JSON.stringify({ options: e.options, enum: e.enum });
    }
    const entries = Object.entries(value);
    if (entries.length && entries.every(([, v]) => isRoute(v))) {
      const routes = Object.fromEntries(
        entries.map(([k, v]) => [
          k,
          { method: (v as { method: string }).method, path: (v as { path: string }).path },
        ]),
      );
      return JSON.stringify(routes);
    }
    return JSON.stringify(value);
  };
  return {
    name: 'gongzhi-contracts-as-data',
    enforce: 'pre',
    async load(id) {
      // Every contracts module (a new module's contract needs no change here).
      const m = id.replace(/\\/g, '/').match(/\/contracts\/([\w-]+)\.ts$/);
      if (!m) return null;
      const lines: string[] = [];
      for (const [name, value] of Object.entries(await load(m[1]!))) {
        const code = emit(value);
        if (code !== null) lines.push(`export const ${name} = ${code};`);
      }
      return lines.join('\n');
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [contractsAsData(), react()],
  server: { proxy: { '/api': api, '/healthz': api } },
  build: {
    outDir,
    emptyOutDir: true,
    // Each route is lazy; the stable libraries get their own long-cached chunks.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 4,
            },
            {
              name: 'libs',
              test: /node_modules[\\/](@tanstack|i18next|react-i18next|dayjs)[\\/]/,
              priority: 3,
            },
          ],
        },
      },
    },
  },
});
