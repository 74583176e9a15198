/**
 * Listening and closing for the benchmark's servers: loopback only, on a port the kernel
 * picks, and a close that does not wait for autocannon's keep-alive sockets to idle out.
 */
import type { Server } from 'node:http';

/** Starts `server` on 127.0.0.1 at a free port and resolves with that port. */
export function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

/** Stops accepting, drops every open connection and resolves when the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
