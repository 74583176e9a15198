/**
 * Where each group's router is mounted (src/app.ts). A router declares its paths relative to
 * its mount point; `under` turns an absolute path that pages and redirects also use (e.g. the
 * console's login page) into the router's relative one, failing at start-up if the two disagree.
 */
import { InternalError } from '../../errors/index.ts';

/** The prefix of each router group. */
export const mountPoints = {
  threeds: '/3ds',
  wellKnown: '/.well-known',
  admin: '/api/admin',
  console: '/console',
  demo: '/console/demo',
  sandbox: '/sandbox',
  webhooks: '/webhooks',
} as const;

/** `path` relative to `mount` ('/' for the mount point itself). */
export function under(mount: string, path: string): string {
  if (path === mount) return '/';
  if (!path.startsWith(`${mount}/`))
    throw new InternalError(
      'invariant_broken',
      `route ${path} is not under its router's mount point ${mount}`,
    );
  return path.slice(mount.length);
}
