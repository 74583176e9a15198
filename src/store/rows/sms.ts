/**
 * The SMS outbox as both adapters store it: the `sms_messages` row (body and code sealed by the
 * caller) and the one mapping to and from SealedSms.
 */
import type { SealedSms } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/** SealedSms in `sms_messages` (the idempotency key apart: only recordSms and hasSms use it). */
const smsTable = columnTable<SealedSms>()({
  id: 'id',
  acsTransID: 'acs_trans_id',
  to: 'to_phone',
  sealedBody: 'sealed_body',
  status: 'status',
  errorCode: 'error_code',
  providerId: 'provider_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** An `sms_messages` row (without its idempotency key). */
export type SmsRow = TableRow<typeof smsTable>;

/** sms_messages row -> SealedSms. */
export const smsFromRow = smsTable.fromRow;

/** SealedSms -> sms_messages row. */
export const smsToRow = smsTable.toRow;
