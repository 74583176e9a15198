/**
 * The challenge window sizes a 3DS Requestor may ask for (EMV 3DS challengeWindowSize,
 * carried in the CReq): the page must fit each one without scrolling.
 */

/** challengeWindowSize values: 01 250x400, 02 390x400, 03 500x600, 04 600x400, 05 full page. */
export const windowSizes = ['01', '02', '03', '04', '05'] as const;

/** One challengeWindowSize value. */
export type WindowSize = (typeof windowSizes)[number];

/** Width and height in CSS pixels of each fixed window size (05 is the whole page). */
export const windowDimensions: Readonly<
  Record<Exclude<WindowSize, '05'>, { width: number; height: number }>
> = {
  '01': { width: 250, height: 400 },
  '02': { width: 390, height: 400 },
  '03': { width: 500, height: 600 },
  '04': { width: 600, height: 400 },
};
