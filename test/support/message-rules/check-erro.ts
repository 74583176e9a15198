/**
 * checkErro: every way an Erro from this ACS can be wrong. Table: erro_{210,220,231}.html
 * (errorCode sets per version, errorDescription and errorDetail up to 2048 characters).
 * docs/errors.md ("EMV Erro messages") adds: errorComponent is always A, the IDs that could be
 * read are echoed (so threeDSServerTransID is there only when it was readable), and no PAN
 * reaches the text.
 */

import { isSupportedVersion } from '../../../src/protocol/version.ts';
import { type ElementTable, tableViolations } from './element-rule.ts';
import { emptyValueViolations, has, isRecord, type JsonObject, show } from './json-values.ts';
import { required } from './presence.ts';
import { containsPanLikeDigits } from './rule-formats.ts';
import { errorCodesByVersion } from './status-codes.ts';

const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const messageTypes = ['AReq', 'ARes', 'PReq', 'PRes', 'CReq', 'CRes', 'RReq', 'RRes', 'Erro'];

const erroTable: ElementTable = {
  acsTransID: { kind: 'string', pattern: uuid },
  dsTransID: { kind: 'string', maxLength: 36, pattern: uuid },
  errorCode: { kind: 'string', pattern: /^[0-9]{3}$/ },
  errorComponent: { kind: 'string', values: ['A'] },
  errorDescription: { kind: 'string', maxLength: 2048 },
  errorDetail: { kind: 'string', maxLength: 2048 },
  errorMessageType: { kind: 'string', values: messageTypes },
  messageType: { kind: 'string', values: ['Erro'] },
  messageVersion: { kind: 'string' },
  sdkTransID: { kind: 'string', pattern: uuid },
  threeDSServerTransID: { kind: 'string', pattern: uuid },
};

/** What a test expects of an Erro beyond its shape. */
export interface ErroExpectation {
  readonly errorCode?: string;
  /** Texts (typically element names) that errorDetail must contain. */
  readonly detailIncludes?: readonly string[];
  readonly messageVersion?: string;
  readonly errorMessageType?: string;
  /** Transaction IDs that must be echoed (name to value). */
  readonly ids?: Readonly<Record<string, string>>;
}

/** Every violation of the rules by `erro`, and of `expected` when given; empty when correct. */
export function checkErro(erro: unknown, expected: ErroExpectation = {}): string[] {
  if (!isRecord(erro)) return ['the Erro is not a JSON object'];
  return [
    ...emptyValueViolations(erro),
    ...tableViolations(erro, erroTable, '02', 'Erro'),
    ...requiredViolations(erro),
    ...codeViolations(erro),
    ...textViolations(erro),
    ...expectationViolations(erro, expected),
  ];
}

function requiredViolations(erro: JsonObject): string[] {
  return [
    'messageType',
    'messageVersion',
    'errorCode',
    'errorComponent',
    'errorDescription',
    'errorDetail',
  ].flatMap((name) => required(erro, name));
}

// The errorCode set depends on the version the Erro speaks, which must itself be a supported one
// (an Erro 102 answers an unsupported version in a version this ACS does speak).
function codeViolations(erro: JsonObject): string[] {
  const version = erro.messageVersion;
  if (!has(erro, 'messageVersion')) return [];
  if (!isSupportedVersion(version)) {
    return [`messageVersion ${show('messageVersion', version)} is not a version this ACS speaks`];
  }
  const code = erro.errorCode;
  if (typeof code !== 'string' || code === '' || errorCodesByVersion[version].includes(code)) return [];
  return [`errorCode ${show('errorCode', code)} is not defined in ${version}`];
}

function textViolations(erro: JsonObject): string[] {
  const violations: string[] = [];
  for (const name of ['errorDescription', 'errorDetail']) {
    const text = erro[name];
    if (typeof text === 'string' && containsPanLikeDigits(text)) {
      violations.push(`${name} contains a run of 13-19 digits: a PAN must never appear in an error`);
    }
  }
  return violations;
}

function expectationViolations(erro: JsonObject, expected: ErroExpectation): string[] {
  const violations: string[] = [];
  for (const name of ['errorCode', 'messageVersion', 'errorMessageType'] as const) {
    const want = expected[name];
    if (want !== undefined && erro[name] !== want) {
      violations.push(`${name} must be ${want}, got ${show(name, erro[name])}`);
    }
  }
  const detail = typeof erro.errorDetail === 'string' ? erro.errorDetail : '';
  for (const text of expected.detailIncludes ?? []) {
    if (!detail.includes(text))
      violations.push(`errorDetail must name ${text}, got ${show('errorDetail', detail)}`);
  }
  for (const [name, value] of Object.entries(expected.ids ?? {})) {
    if (erro[name] !== value) violations.push(`${name} must echo ${value}, got ${show(name, erro[name])}`);
  }
  return violations;
}
