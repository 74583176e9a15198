/**
 * The EMV 3DS protocol versions this ACS speaks. Anything else is answered with Erro 102.
 */

/** Supported messageVersion values, oldest first. */
export const supportedVersions = ['2.1.0', '2.2.0', '2.3.1'] as const;

/** One supported messageVersion. */
export type MessageVersion = (typeof supportedVersions)[number];

/** True when `value` is a messageVersion this ACS supports. */
export function isSupportedVersion(value: unknown): value is MessageVersion {
  return typeof value === 'string' && (supportedVersions as readonly string[]).includes(value);
}

/** True when `version` is at least `minimum` (both supported versions). */
export function versionAtLeast(version: MessageVersion, minimum: MessageVersion): boolean {
  return supportedVersions.indexOf(version) >= supportedVersions.indexOf(minimum);
}
