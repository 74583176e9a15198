/**
 * A stand-in for Twilio's Messages API on a loopback port, so the real twilio SDK can be
 * driven in tests without an account or a network. It imitates
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` as twilio/twilio-oai
 * (spec/json/twilio_api_v2010.json) describes it: HTTP basic auth with the account SID and
 * auth token, a form-encoded body, Twilio's error JSON `{ code, message, more_info, status }`
 * for failures (the magic test numbers +15005550001/2/3/4/9 fail as they do with Twilio's
 * test credentials), and a 201 message resource otherwise. Every request is recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the double received. */
export type TwilioDoubleRequest = Readonly<{
  method: string;
  path: string;
  /** The basic-auth user name sent (the account SID), if any. */
  username: string | undefined;
  /** True when the basic-auth credentials were the double's. */
  authenticated: boolean;
  contentType: string | undefined;
  /** The form fields, by name (the last value of a repeated field). */
  params: Readonly<Record<string, string>>;
}>;

/** How the double answers message creation. */
export type TwilioDoubleBehaviour =
  /** As Twilio would: 201, or 400 for a magic failure number. */
  | 'answer'
  /** Closes the connection without an answer (a network failure). */
  | 'drop'
  /** 429 Too Many Requests with Twilio's error 20429 (an SDK that auto-retries would retry). */
  | 'rate-limit';

/** A running double. */
export type TwilioDouble = {
  /** Base URL to pass as the sender's apiBaseUrl. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Requests received, in order. */
  requests: TwilioDoubleRequest[];
  behaviour: TwilioDoubleBehaviour;
  /** The message resources created, in order. */
  messages: Record<string, unknown>[];
  close(): Promise<void>;
};

/** Twilio's answer per magic `To` number (test credentials): error code and description. */
export const magicToNumbers: Readonly<Record<string, { code: number; message: string }>> = {
  '+15005550001': { code: 21211, message: "The 'To' number is not a valid phone number." },
  '+15005550002': { code: 21612, message: "The 'To' phone number cannot be reached by SMS." },
  '+15005550003': { code: 21408, message: "SMS is not enabled for the region of the 'To' number." },
  '+15005550004': { code: 21610, message: "The 'To' number has unsubscribed from this sender." },
  '+15005550009': { code: 21614, message: "The 'To' number is not a mobile number." },
};

const messagesPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function errorBody(httpStatus: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: httpStatus };
}

function sendJson(res: ServerResponse, httpStatus: number, body: unknown): void {
  res.writeHead(httpStatus, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function basicAuth(req: IncomingMessage): { username: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The 201 message resource Twilio answers for an accepted message. */
function messageResource(accountSid: string, params: Readonly<Record<string, string>>, at: Date) {
  const sid = `SM${hex(16)}`;
  const date = at.toUTCString().replace('GMT', '+0000');
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: params.Body,
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: params.From ?? null,
    messaging_service_sid: params.MessagingServiceSid ?? null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
    to: params.To,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
}

/** Why a well-authenticated create request is refused (Twilio's code), if it is. */
function refusal(params: Readonly<Record<string, string>>): { code: number; message: string } | undefined {
  if (params.To === undefined || params.To === '')
    return { code: 21604, message: "A 'To' number is required." };
  if (params.Body === undefined || params.Body === '')
    return { code: 21602, message: 'A message body is required.' };
  if (params.From === undefined && params.MessagingServiceSid === undefined)
    return { code: 21603, message: "A 'From' number or a MessagingServiceSid is required." };
  const validity = params.ValidityPeriod;
  if (
    validity !== undefined &&
    !(/^[0-9]+$/.test(validity) && Number(validity) >= 1 && Number(validity) <= 36_000)
  )
    return { code: 21624, message: 'ValidityPeriod must be a whole number from 1 to 36000.' };
  return magicToNumbers[params.To];
}

/** Starts the double on 127.0.0.1 with a free port and fresh credentials. */
export async function startTwilioDouble(): Promise<TwilioDouble> {
  const double: TwilioDouble = {
    baseUrl: '',
    accountSid: `AC${hex(16)}`,
    authToken: hex(16),
    requests: [],
    behaviour: 'answer',
    messages: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', 'http://double.invalid');
    const params = Object.fromEntries(new URLSearchParams(text));
    const auth = basicAuth(req);
    const authenticated = auth?.username === double.accountSid && auth.password === double.authToken;
    double.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      username: auth?.username,
      authenticated,
      contentType: req.headers['content-type'],
      params,
    });
    const path = messagesPath.exec(url.pathname);
    if (req.method !== 'POST' || path === null) {
      sendJson(res, 404, errorBody(404, 20404, 'The requested resource was not found.'));
      return;
    }
    if (!authenticated || path[1] !== double.accountSid) {
      sendJson(res, 401, errorBody(401, 20003, 'Authentication failed.'));
      return;
    }
    if (double.behaviour === 'drop') {
      req.socket.destroy();
      return;
    }
    if (double.behaviour === 'rate-limit') {
      sendJson(res, 429, errorBody(429, 20429, 'Too many requests.'));
      return;
    }
    const refused = refusal(params);
    if (refused !== undefined) {
      sendJson(res, 400, errorBody(400, refused.code, refused.message));
      return;
    }
    const message = messageResource(double.accountSid, params, new Date());
    double.messages.push(message);
    sendJson(res, 201, message);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}
