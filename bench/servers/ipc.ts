import type { FastifyInstance } from 'fastify';

/**
 * Child side of the parent ↔ server protocol: adds GET /__bench/state (requests in flight, and
 * the process-wide query count when there is one), reports the port once listening, closes on "stop".
 */
export async function serveForParent(
  app: FastifyInstance,
  onClose: () => Promise<void>,
  queries: () => number | null = () => null,
): Promise<void> {
  let inflight = 0;
  app.server.on('request', (_req, res) => {
    inflight++;
    res.once('close', () => inflight--);
  });
  // The parent waits for in-flight requests of one target to finish before it measures the next.
  app.get('/__bench/state', { schema: { hide: true } }, async () => ({
    inflight: inflight - 1,
    queries: queries(),
  }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await onClose();
    // process.exit runs the --cpu-prof writer; a signal would lose the profile.
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  // If the parent dies, do not outlive it.
  process.on('disconnect', () => void stop());
  process.send?.({ ready: true, port });
}
