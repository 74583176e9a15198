/**
 * The small objects an ACS message may carry: acsRenderingType (acsrenderingtype.html),
 * the 2.3.1 cardholderInfo (cardholderinfo_231.html) and messageExtension entries
 * (messageextension.html). Each is checked for its own members, types and values.
 */

import { isRecord, show } from './json-values.ts';
import { isHttpsUrl } from './rule-formats.ts';

function unknownMembers(label: string, value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value)
    .filter((name) => !known.includes(name))
    .map((name) => `${label}.${name} is not a member of ${label}`);
}

/**
 * acsRenderingType: acsInterface 01 native / 02 HTML, acsUiTemplate 01-05; 05 (HTML Other) needs
 * HTML; deviceUserInterfaceMode, two digits, only from 2.3.1 (differences_v220_v231.rst).
 */
export function acsRenderingTypeViolations(value: unknown, version: string): string[] {
  if (!isRecord(value)) return [];
  const known = [
    'acsInterface',
    'acsUiTemplate',
    ...(version === '2.3.1' ? ['deviceUserInterfaceMode'] : []),
  ];
  const violations = unknownMembers('acsRenderingType', value, known);
  const mode = value.deviceUserInterfaceMode;
  if (version === '2.3.1' && mode !== undefined && (typeof mode !== 'string' || !/^\d{2}$/.test(mode))) {
    violations.push(
      `acsRenderingType.deviceUserInterfaceMode ${show('deviceUserInterfaceMode', mode)} is not two digits`,
    );
  }
  const { acsInterface, acsUiTemplate } = value;
  if (acsInterface === undefined) violations.push('acsRenderingType.acsInterface is required');
  else if (acsInterface !== '01' && acsInterface !== '02') {
    violations.push(
      `acsRenderingType.acsInterface ${show('acsInterface', acsInterface)} is not one of 01, 02`,
    );
  }
  const templates = ['01', '02', '03', '04', '05'];
  if (acsUiTemplate === undefined) violations.push('acsRenderingType.acsUiTemplate is required');
  else if (typeof acsUiTemplate !== 'string' || !templates.includes(acsUiTemplate)) {
    violations.push(
      `acsRenderingType.acsUiTemplate ${show('acsUiTemplate', acsUiTemplate)} is not one of ${templates.join(', ')}`,
    );
  } else if (acsUiTemplate === '05' && acsInterface === '01') {
    violations.push('acsRenderingType.acsUiTemplate 05 (HTML Other) needs acsInterface 02 (HTML UI)');
  }
  return violations;
}

/** The 2.3.1 cardholderInfo object: text of 1-128 characters, optional https image URLs. */
export function cardholderInfoObjectViolations(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const violations = unknownMembers('cardholderInfo', value, ['text', 'issuerImage', 'paymentSystemImage']);
  const { text } = value;
  if (text === undefined) violations.push('cardholderInfo.text is required');
  else if (typeof text !== 'string' || text.length > 128) {
    violations.push('cardholderInfo.text must be a string of 1 to 128 characters');
  }
  for (const image of ['issuerImage', 'paymentSystemImage']) {
    const url = value[image];
    if (url !== undefined && !isHttpsUrl(url))
      violations.push(`cardholderInfo.${image} must be an https URL`);
  }
  return violations;
}

/** Each messageExtension entry: name and id strings, criticalityIndicator boolean, data present. */
export function messageExtensionViolations(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const violations: string[] = [];
  value.forEach((entry, index) => {
    const where = `messageExtension[${index}]`;
    if (!isRecord(entry)) {
      violations.push(`${where} must be a JSON object`);
      return;
    }
    violations.push(...unknownMembers(where, entry, ['name', 'id', 'criticalityIndicator', 'data']));
    if (typeof entry.name !== 'string') violations.push(`${where}.name must be a string`);
    if (typeof entry.id !== 'string') violations.push(`${where}.id must be a string`);
    if (typeof entry.criticalityIndicator !== 'boolean') {
      violations.push(`${where}.criticalityIndicator must be true or false`);
    }
    if (entry.data === undefined) violations.push(`${where}.data is required`);
  });
  return violations;
}
