/**
 * The images of the app channel's native screens (issuerImage and psImage, Table A.1; shown on
 * acsUiType 01-04 by Table A.20), served by the ACS itself from views/static/challenge-images/
 * (app.ts mounts views/static at /static): a "Sandbox Bank" logo for the issuer and a neutral
 * "Payment Scheme" mark for the payment system, drawn for this simulator, never a scheme's
 * trademark. Each is a PNG per screen density (medium 150x50, high 225x75, extraHigh 300x100;
 * PNG because SDKs decode the images as bitmaps), at absolute URLs built from ACS_PUBLIC_URL so
 * that the SDK, on another device, can fetch them.
 */
import type { ChallengeImage } from '../../protocol/interim-cres.ts';

/** Where the images are served, below ACS_PUBLIC_URL. */
export const challengeImagesPath = '/static/challenge-images';

function imageAt(publicUrl: string, name: string): ChallengeImage {
  const base = `${publicUrl.replace(/\/+$/, '')}${challengeImagesPath}/${name}`;
  return { medium: `${base}-medium.png`, high: `${base}-high.png`, extraHigh: `${base}-extra-high.png` };
}

/** issuerImage and psImage for a native screen. */
export function appScreenImages(
  publicUrl: string,
): Readonly<{ issuerImage: ChallengeImage; psImage: ChallengeImage }> {
  return { issuerImage: imageAt(publicUrl, 'sandbox-bank'), psImage: imageAt(publicUrl, 'payment-scheme') };
}
