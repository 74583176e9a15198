/**
 * The challenge window sizes a 3DS Requestor may ask for (EMV 3DS challengeWindowSize,
 * carried in the CReq): the page must fit each one without scrolling.
 */

import type { WindowSize } from '../../src/domain/challenge.ts';

/** Width and height in CSS pixels of each fixed window size (05 is the whole page). */
export const windowDimensions: Readonly<
  Record<Exclude<WindowSize, '05'>, { width: number; height: number }>
> = {
  '01': { width: 250, height: 400 },
  '02': { width: 390, height: 400 },
  '03': { width: 500, height: 600 },
  '04': { width: 600, height: 400 },
};
