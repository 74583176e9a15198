/**
 * Preparation (PReq -> PRes): the card ranges this ACS serves, with the protocol versions
 * and the 3DS Method URL a 3DS Server caches to decide how to authenticate each card.
 */
import { ProtocolError } from '../../errors/index.ts';
import { buildErro, type Erro } from '../../protocol/erro.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import { parsePReq } from '../../protocol/preq.ts';
import { buildPRes, type PRes } from '../../protocol/pres.ts';
import { supportedVersions } from '../../protocol/version.ts';
import type { FlowDeps } from '../common/deps.ts';
import { timelineEntry } from '../common/message-log.ts';

/** The path of the threeDSMethodURL; a range with a 3DS Method behaviour adds it as a segment. */
export const threeDSMethodPath = '/3ds/method';

/** Answers one PReq (raw JSON text) with a PRes or an Erro. */
export async function prepare(deps: FlowDeps, body: string): Promise<PRes | Erro> {
  const receivedAt = deps.clock();
  let parsed: unknown;
  try {
    parsed = parseJsonStrict(body);
    const preq = parsePReq(parsed);
    const ranges = (await deps.store.listCardRanges()).map(({ threeDSMethod, ...range }) => ({
      ...range,
      acsVersions: supportedVersions,
      dsVersions: supportedVersions,
      // docs/flows.md "3DS Method": /3ds/method/late and /3ds/method/never for the rehearsal ranges.
      threeDSMethodURL: `${deps.config.publicUrl}${threeDSMethodPath}${threeDSMethod === undefined ? '' : `/${threeDSMethod}`}`,
    }));
    return buildPRes({ preq, dsTransID: deps.newId(), ranges });
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    const erro = buildErro(error, '2.2.0');
    const ids = { threeDSServerTransID: erro.threeDSServerTransID };
    await deps.store.recordMessages([
      ...(parsed === undefined ? [] : [timelineEntry('in', 'PReq', parsed, ids, receivedAt)]),
      timelineEntry('out', 'Erro', erro, ids, deps.clock()),
    ]);
    deps.metrics.erroByCode.inc({ errorCode: erro.errorCode, messageType: 'PReq' });
    return erro;
  }
}
