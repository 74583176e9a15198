/**
 * The admin API's answers for export and replay (docs/admin-api.md, "Export and replay"): the
 * exported exchange (src/flows/admin/exchange-export.ts) and the replay's report
 * (src/flows/admin/replay.ts). Kept beside src/http/admin/answer-schemas.ts, whose conventions
 * they follow (closed objects, an absent detail null), so neither file grows past reading.
 */
import { z } from 'zod';
import { scenarios } from '../../domain/scenario.ts';
import { schemes } from '../../domain/scheme.ts';
import { exchangeFormat, exchangeFormatVersion } from '../../flows/admin/exchange-export.ts';
import { faultAnswer, resultAnswer, rreqAttemptAnswer } from './answer-schemas.ts';

const time = z.iso.datetime();
const text = z.string();
const offsetMs = z.int().min(0).meta({ description: 'Milliseconds since the AReq was received.' });
const message = z.record(z.string(), z.unknown());

/** A transaction's whole exchange, as a tester attaches it to a bug report. */
export const exchangeDocumentAnswer = z
  .strictObject({
    format: z.literal(exchangeFormat),
    formatVersion: z.literal(exchangeFormatVersion),
    exportedAt: time,
    acs: z
      .strictObject({ version: text, publicUrl: text })
      .meta({ description: 'The ACS that answered: its release and the URL its acsURL starts with.' }),
    transaction: z.strictObject({
      acsTransID: text,
      threeDSServerTransID: text,
      dsTransID: text,
      sdkTransID: text.nullable(),
      messageVersion: text,
      deviceChannel: text,
      messageCategory: text,
      maskedPan: text,
      scheme: z.enum(schemes).nullable(),
      scenario: z.enum(scenarios).nullable(),
      cardId: text.nullable(),
      fault: faultAnswer.nullable(),
      faultDelayMs: z.int().min(0).nullable(),
      aresStatus: text,
      aresStatusReason: text.nullable(),
      state: z.enum(['final', 'awaiting-creq', 'challenging', 'awaiting-decoupled']),
      result: resultAnswer
        .nullable()
        .meta({ description: 'The true final result (a fault never changes it); null while it waits.' }),
      createdAt: time,
    }),
    decision: z.strictObject({
      check: text.meta({ description: 'The decision check that answered (docs/flows.md).' }),
      threeDSCompInd: text.nullable(),
    }),
    messages: z.array(
      z.strictObject({
        at: time,
        offsetMs,
        direction: z.enum(['in', 'out']),
        messageType: text.meta({ description: "The EMV message's type, or Fault for a fault's entry." }),
        body: message.meta({
          description:
            'As kept at rest, PANs masked; app-channel CReq and CRes carry encryptedLength (the JWE size in bytes).',
        }),
      }),
    ),
    rreqAttempts: z.array(rreqAttemptAnswer.extend({ offsetMs })),
  })
  .meta({
    description:
      'Messages in order with their time since the AReq, the deciding check and every RReq attempt. PAN masked; no secret.',
  });

/** One element that differs between the recorded and the replayed answer. */
const replayDifference = z.strictObject({
  element: text.meta({
    description: 'The ARes element, nested ones by path (acsRenderingType.acsUiTemplate), or decisionCheck.',
  }),
  recorded: z.unknown().meta({ description: 'Its recorded value; null when absent.' }),
  replayed: z.unknown().meta({ description: 'Its replayed value; null when absent.' }),
});

/** What a replay found. */
export const replayReportAnswer = z
  .strictObject({
    identical: z
      .boolean()
      .meta({ description: 'True when nothing differs but what every transaction makes afresh (ignored).' }),
    differences: z.array(replayDifference),
    recorded: z.strictObject({ check: text, ares: message }),
    replayed: z.strictObject({
      check: text,
      ares: message.meta({ description: 'The ARes this ACS answers now, or the Erro.' }),
      waitMs: z.int().min(0).meta({
        description: 'How long the answer would have waited (acs-slow, ares-late); the replay does not wait.',
      }),
    }),
    ignored: z.array(text).meta({
      description:
        'Elements left out: acsTransID, dsTransID when the ACS assigned it; authenticationValue and acsSignedContent compared by presence only.',
    }),
  })
  .meta({ description: 'A dry run: nothing was stored, sent, counted or waited.' });
