/**
 * The sandbox inbox: the text messages the ACS sent, unsealed for the tester, newest first,
 * and the one JSON form of a message that the sandbox's and the admin API's lists share.
 * The sandbox serves it only in sandbox mode (the HTTP layer does not mount it otherwise).
 */
import type { SmsStatus } from '../../domain/sms.ts';
import { decryptAtRest } from '../../signing/at-rest.ts';
import { smsSealContext } from '../challenge/send-code.ts';
import type { FlowDeps } from '../common/deps.ts';

/** One inbox entry, unsealed (for the JSON APIs: InboxEntryJson below; docs/sms-delivery.md). */
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

/**
 * One inbox entry as JSON, the same in the sandbox's GET /sandbox/api/messages and the admin
 * API's GET /api/admin/messages (schema SandboxMessage, src/http/admin/answer-schemas.ts): an
 * absent detail is `null`, so every entry has the same keys.
 */
export type InboxEntryJson = Readonly<{
  id: string;
  to: string;
  body: string;
  code: string | null;
  acsTransID: string | null;
  status: SmsStatus;
  errorCode: string | null;
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

/** An inbox entry as both JSON APIs answer it. */
export function inboxEntryJson(entry: InboxEntry): InboxEntryJson {
  return {
    id: entry.id,
    to: entry.to,
    body: entry.body,
    code: entry.code ?? null,
    acsTransID: entry.acsTransID ?? null,
    status: entry.status,
    errorCode: entry.errorCode ?? null,
    createdAt: entry.createdAt,
  };
}
