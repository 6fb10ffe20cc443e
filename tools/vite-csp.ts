/**
 * The Content-Security-Policy `vite dev` and `vite preview` send: one for
 * the page (and Monaco's workers), a stricter one for the engine Worker,
 * where module code runs.
 */
import type { Connect, Plugin } from 'vite';

/** The engine Worker's built file name (vite.config.ts), so its response gets its own policy. */
export const ENGINE_WORKER_FILE = 'assets/spacetime-engine-[hash].js';
const ENGINE_PREFIX = '/assets/spacetime-engine-';
const ENGINE_DEV = '/worker/main.ts';

const BASE = ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];

/**
 * The page, Monaco and its workers: own scripts only; `Function` for the
 * client bindings (src/clients/bindings.ts); Monaco injects styles and loads
 * its codicon font; no connections beyond this origin.
 */
const PAGE = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  ...BASE,
].join('; ');

/**
 * The engine Worker, where module code runs. The library builds serializers
 * with `Function` and esbuild is wasm, hence both evals. Built, the worker is
 * one file, so it may load no script at all: an `import()` that module code
 * assembles in a `Function` body fails before any request. `connect-src`
 * serves the one fetch of esbuild's wasm, made before the lockdown
 * (worker/main.ts). Under `vite dev` its imports are separate files.
 */
function enginePolicy(dev: boolean): string {
  const scripts = dev ? "'self' 'unsafe-eval' 'wasm-unsafe-eval'" : "'unsafe-eval' 'wasm-unsafe-eval'";
  return ["default-src 'none'", `script-src ${scripts}`, "connect-src 'self'", ...BASE].join('; ');
}

function policyFor(url: string, dev: boolean): string {
  const path = url.split('?')[0] ?? '';
  const engine = dev ? path === ENGINE_DEV : path.startsWith(ENGINE_PREFIX);
  return engine ? enginePolicy(dev) : PAGE;
}

const withPolicy = (dev: boolean): Connect.NextHandleFunction => (req, res, next) => {
  res.setHeader('Content-Security-Policy', policyFor(req.url ?? '/', dev));
  next();
};

/**
 * Sends the Content-Security-Policy from `vite dev` and `vite preview`. A
 * static host must send the same two policies itself (the engine's for
 * `ENGINE_WORKER_FILE`, the page's for everything else).
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    configureServer: server => void server.middlewares.use(withPolicy(true)),
    configurePreviewServer: server => void server.middlewares.use(withPolicy(false)),
  };
}
