/**
 * The SMS outbox as both adapters store it: the `sms_messages` row (body and code sealed by the
 * caller) and the one mapping to and from SealedSms.
 */
import type { SmsStatus } from '../../domain/sms.ts';
import type { SealedSms } from '../port.ts';
import { orUndefined } from './nullable.ts';

/** An `sms_messages` row (without its idempotency key, which only recordSms and hasSms use). */
export type SmsRow = {
  id: string;
  acs_trans_id: string | null;
  to_phone: string;
  sealed_body: string;
  status: string;
  error_code: string | null;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
};

/** sms_messages row -> SealedSms. */
export function smsFromRow(row: SmsRow): SealedSms {
  return {
    id: row.id,
    acsTransID: orUndefined(row.acs_trans_id),
    to: row.to_phone,
    sealedBody: row.sealed_body,
    status: row.status as SmsStatus,
    errorCode: orUndefined(row.error_code),
    providerId: orUndefined(row.provider_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** SealedSms -> sms_messages row. */
export function smsToRow(sms: SealedSms): SmsRow {
  return {
    id: sms.id,
    acs_trans_id: sms.acsTransID ?? null,
    to_phone: sms.to,
    sealed_body: sms.sealedBody,
    status: sms.status,
    error_code: sms.errorCode ?? null,
    provider_id: sms.providerId ?? null,
    created_at: sms.createdAt,
    updated_at: sms.updatedAt,
  };
}
