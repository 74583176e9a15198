/**
 * Where the pages' static files (CSS, the auto-post script) live on disk, so the HTTP layer
 * can serve them at /static without knowing the source layout.
 */

import { fileURLToPath } from 'node:url';

/** Absolute path of the views/static directory (served at /static). */
export const staticAssetsDir: string = fileURLToPath(new URL('../static', import.meta.url));
