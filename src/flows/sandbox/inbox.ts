/**
 * The sandbox inbox: the text messages the ACS sent, unsealed for the tester, newest first.
 * Only served in sandbox mode (the HTTP layer does not mount it otherwise).
 */
import type { SmsStatus } from '../../domain/sms.ts';
import { decryptAtRest } from '../../signing/at-rest.ts';
import { smsSealContext } from '../challenge/send-code.ts';
import type { FlowDeps } from '../shared/deps.ts';

/** One inbox entry, as docs/security.md specifies for GET /sandbox/api/messages. */
export type InboxEntry = Readonly<{
  id: string;
  to: string;
  body: string;
  code: string | undefined;
  acsTransID: string | undefined;
  status: SmsStatus;
  errorCode: string | undefined;
  createdAt: string;
}>;

/** Which messages to list. */
export type InboxQuery = Readonly<{
  to?: string | undefined;
  acsTransID?: string | undefined;
  limit: number;
}>;

/** The messages matching `query`, newest first. */
export async function inboxMessages(deps: FlowDeps, query: InboxQuery): Promise<readonly InboxEntry[]> {
  return (await deps.store.listSms(query)).map((sms) => {
    const sealed = JSON.parse(decryptAtRest(deps.keys, sms.sealedBody, smsSealContext(sms.id))) as {
      body: string;
      code?: string;
    };
    return {
      id: sms.id,
      to: sms.to,
      body: sealed.body,
      code: sealed.code,
      acsTransID: sms.acsTransID,
      status: sms.status,
      errorCode: sms.errorCode,
      createdAt: sms.createdAt,
    };
  });
}
