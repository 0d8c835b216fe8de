import nodeModule from 'node:module';

/**
 * Node 22.1+ keeps the V8 code of every module it compiles on disk (in the OS temp directory) and
 * reuses it on the next start: a restart skips compiling botbuilder, restify and the rest, most of
 * the time to /readyz (bench/start-to-ready.ts). Imported first by main.ts, so it applies to all of
 * them; on Node 20 there is no such API and nothing happens.
 */
const withCache = nodeModule as typeof nodeModule & { enableCompileCache?: () => unknown };
try {
  withCache.enableCompileCache?.();
} catch {
  // A read-only temp directory: start without the cache.
}
