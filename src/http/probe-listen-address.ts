import { createServer } from 'node:net';

/**
 * Whether this process can listen on `host:port`, tried before the store is opened or migrated, so a
 * host this machine does not have or a port in use stops the start with one line naming the variable.
 * The port is released at once; the real listen comes when everything is wired (and reports the same
 * way should another process take the port meanwhile). With port 0 only the host is tried.
 */
export async function probeListenAddress(host: string, port: number): Promise<string | undefined> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, () => resolve());
    });
  } catch (error) {
    return describeListenError(error, host, port);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return undefined;
}

/** A listen failure as one configuration line: the variable at fault, the address and the system's code. */
export function describeListenError(error: unknown, host: string, port: number): string {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') return `PORT: ${port} is already in use on ${host} (${reason})`;
  if (code === 'EACCES') return `PORT: not allowed to listen on port ${port} (${reason})`;
  return `HOST: cannot listen on ${host}:${port} (${reason})`;
}
