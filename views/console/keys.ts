/**
 * The console's keys page: where to get the public keys a tester needs to check what this ACS
 * signs (the JWKS) and the sandbox DS root CA an SDK must trust for the app channel's
 * acsSignedContent, with a short note on what each is for. Only public material appears.
 */

import { renderConsolePage } from '../common/console-layout.ts';
import { displayTime } from '../common/format.ts';
import { html } from '../common/html.ts';

/** Where the keys page sends downloads. */
export const keyDownloads = {
  jwks: '/.well-known/jwks.json',
  dsRootCa: '/console/keys/ds-root-ca.pem',
  tlsSandboxCa: '/console/keys/tls-sandbox-ca.pem',
} as const;

/** Public facts about a certificate, display-ready. */
export type CertificateFacts = Readonly<{
  subject: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
}>;

/** What the keys page shows. */
export type KeysPageModel = Readonly<{
  operator: string;
  csrfToken: string;
  resultSigningAlg: string;
  resultKid: string;
  acsContentSigningAlg: string;
  /** Undefined when the certificate could not be read (the download still works). */
  dsRootCa: CertificateFacts | undefined;
  /** The sandbox TLS CA (ACS_TLS_SANDBOX_CERT): absent when the ACS does not serve the sandbox certificate. */
  tlsSandboxCa?: Readonly<{ facts: CertificateFacts | undefined }> | undefined;
}>;

/** Renders the keys page. */
export function renderKeysPage(model: KeysPageModel): string {
  const ca = model.dsRootCa;
  const body = html`<div class="page-header"><h1>Keys</h1></div>
<p class="lead">Public keys and certificates for testing against this ACS. Private keys never leave the server.</p>
<div class="grid">
<section class="panel" aria-labelledby="jwks-heading">
<h2 id="jwks-heading">Signing keys (JWKS)</h2>
<p>The JSON Web Key Set holds the public keys that verify every signature the ACS makes: the signed transaction result at <code>/3ds/transactions/{acsTransID}/result</code> (match the JWS header's <code>kid</code>) and the app channel's signed content.</p>
<dl class="details">
<dt>Result signature</dt><dd>${model.resultSigningAlg}, kid <code>${model.resultKid}</code></dd>
<dt>acsSignedContent</dt><dd>${model.acsContentSigningAlg}, with an <code>x5c</code> chain</dd>
</dl>
<p><a class="button" href="${keyDownloads.jwks}" download="jwks.json">Download the JWKS</a></p>
</section>
<section class="panel" aria-labelledby="ca-heading">
<h2 id="ca-heading">Sandbox DS root CA</h2>
<p>In the app channel the ARes carries <code>acsSignedContent</code>, a JWS whose <code>x5c</code> certificate chain ends at this root. Add it to your 3DS SDK's trusted DS roots (sandbox only) so the SDK accepts the ACS's signature.</p>
${
  ca === undefined
    ? html`<p class="muted">The certificate's details could not be read.</p>`
    : html`<dl class="details">
<dt>Subject</dt><dd><code>${ca.subject}</code></dd>
<dt>Valid from</dt><dd>${ca.validFrom}</dd>
<dt>Valid until</dt><dd>${ca.validTo}</dd>
<dt>SHA-256</dt><dd><code>${ca.fingerprint256}</code></dd>
</dl>`
}
<p><a class="button" href="${keyDownloads.dsRootCa}" download="ds-root-ca.pem">Download the DS root CA (PEM)</a></p>
</section>
${model.tlsSandboxCa === undefined ? '' : renderTlsSandboxCa(model.tlsSandboxCa.facts)}
</div>`;
  return renderConsolePage({
    title: 'Keys',
    active: 'keys',
    operator: model.operator,
    csrfToken: model.csrfToken,
    body,
  });
}

function certificateDetails(facts: CertificateFacts | undefined) {
  return facts === undefined
    ? html`<p class="muted">The certificate's details could not be read.</p>`
    : html`<dl class="details">
<dt>Subject</dt><dd><code>${facts.subject}</code></dd>
<dt>Valid from</dt><dd>${facts.validFrom}</dd>
<dt>Valid until</dt><dd>${facts.validTo}</dd>
<dt>SHA-256</dt><dd><code>${facts.fingerprint256}</code></dd>
</dl>`;
}

function renderTlsSandboxCa(facts: CertificateFacts | undefined) {
  return html`<section class="panel" aria-labelledby="tls-ca-heading">
<h2 id="tls-ca-heading">Sandbox TLS CA</h2>
<p>This ACS serves HTTPS with a certificate signed by this sandbox CA (<code>ACS_TLS_SANDBOX_CERT</code>). Trust it in the browser profile, 3DS Server or tool you test with (not system-wide on a machine you use for anything else) so the https <code>acsURL</code> and every other page of this ACS are accepted.</p>
${certificateDetails(facts)}
<p><a class="button" href="${keyDownloads.tlsSandboxCa}" download="tls-sandbox-ca.pem">Download the sandbox TLS CA (PEM)</a></p>
</section>`;
}

/** A certificate date as the page shows it. */
export function displayCertificateDate(date: Date): string {
  return displayTime(date.toISOString());
}
