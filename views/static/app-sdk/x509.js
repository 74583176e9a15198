/*
 * Just enough X.509 for the browser 3DS SDK to check acsSignedContent's x5c chain the way an SDK
 * does (Stripe's DefaultJwsValidator: PKIX path to a trusted DS root, revocation off): a DER
 * reader (ITU-T X.690), the certificate fields that matter (RFC 5280 4.1: the signed part, the
 * signature and its algorithm, issuer, subject, validity, public key, basicConstraints' cA), and
 * the signature checks with WebCrypto. Names are compared byte for byte, which is what a chain
 * issued by one CA needs.
 */

const oids = {
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  rsaSha256: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
};

/** One DER element: its tag, where its value starts and ends, and where the element starts. */
function readElement(bytes, offset) {
  if (offset + 2 > bytes.length) throw new Error('DER element cut short');
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER length not supported');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[offset + 2 + i];
    header += count;
  }
  const start = offset + header;
  const end = start + length;
  if (end > bytes.length) throw new Error('DER element longer than its container');
  return { tag, begin: offset, start, end };
}

/** The elements inside a constructed element. */
function childrenOf(bytes, parent) {
  const list = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readElement(bytes, offset);
    list.push(child);
    offset = child.end;
  }
  return list;
}

function whole(bytes, element) {
  return bytes.subarray(element.begin, element.end);
}

function contentOf(bytes, element) {
  return bytes.subarray(element.start, element.end);
}

function oidOf(bytes, element) {
  const value = contentOf(bytes, element);
  const parts = [Math.floor(value[0] / 40), value[0] % 40];
  let current = 0;
  for (let i = 1; i < value.length; i += 1) {
    current = current * 128 + (value[i] & 0x7f);
    if ((value[i] & 0x80) === 0) {
      parts.push(current);
      current = 0;
    }
  }
  return parts.join('.');
}

function timeOf(bytes, element) {
  const text = String.fromCharCode(...contentOf(bytes, element));
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (match === null) throw new Error(`certificate time ${text} is not in UTC`);
  // RFC 5280 4.1.2.5.1: a two-digit UTCTime year below 50 is 20xx.
  const year =
    match[1].length === 4 ? Number(match[1]) : (Number(match[1]) < 50 ? 2000 : 1900) + Number(match[1]);
  return new Date(
    Date.UTC(
      year,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6]),
    ),
  );
}

function isCa(bytes, extensions) {
  if (extensions === undefined) return false;
  const list = childrenOf(bytes, childrenOf(bytes, extensions)[0]);
  for (const extension of list) {
    const parts = childrenOf(bytes, extension);
    if (oidOf(bytes, parts[0]) !== oids.basicConstraints) continue;
    const octets = parts[parts.length - 1];
    const constraints = readElement(bytes, octets.start);
    const first = childrenOf(bytes, constraints)[0];
    return first !== undefined && first.tag === 0x01 && bytes[first.start] !== 0;
  }
  return false;
}

/** The fields of a DER certificate the chain check reads. */
export function parseCertificate(der) {
  const certificate = readElement(der, 0);
  const [tbs, signatureAlgorithm, signatureValue] = childrenOf(der, certificate);
  const fields = childrenOf(der, tbs);
  let index = fields[0].tag === 0xa0 ? 1 : 0;
  index += 2; // serialNumber, signature (the algorithm is read from the outer copy)
  const issuer = fields[index++];
  const validity = childrenOf(der, fields[index++]);
  const subject = fields[index++];
  const publicKeyInfo = fields[index++];
  const extensions = fields.slice(index).find((field) => field.tag === 0xa3);
  const keyAlgorithm = childrenOf(der, childrenOf(der, publicKeyInfo)[0]);
  return {
    der,
    signedPart: whole(der, tbs),
    signatureAlgorithm: oidOf(der, childrenOf(der, signatureAlgorithm)[0]),
    // A BIT STRING's first byte counts the unused bits (0 for a signature).
    signature: contentOf(der, signatureValue).subarray(1),
    issuer: whole(der, issuer),
    subject: whole(der, subject),
    notBefore: timeOf(der, validity[0]),
    notAfter: timeOf(der, validity[1]),
    publicKeyInfo: whole(der, publicKeyInfo),
    keyType: oidOf(der, keyAlgorithm[0]),
    curve: keyAlgorithm[1]?.tag === 0x06 ? oidOf(der, keyAlgorithm[1]) : undefined,
    ca: isCa(der, extensions),
  };
}

/** An ECDSA DER signature (SEQUENCE of r and s) as the r || s WebCrypto verifies. */
function rawEcdsaSignature(der, size) {
  const [r, s] = childrenOf(der, readElement(der, 0)).map((n) => contentOf(der, n));
  const out = new Uint8Array(size * 2);
  const place = (integer, at) => {
    const trimmed = integer.subarray(Math.max(0, integer.length - size));
    out.set(trimmed, at + size - trimmed.length);
  };
  place(r, 0);
  place(s, size);
  return out;
}

/** The certificate's public key for WebCrypto `algorithm` ('ECDSA', 'RSA-PSS', 'RSASSA-PKCS1-v1_5'). */
export async function importPublicKey(cert, algorithm) {
  if (cert.keyType === oids.ecPublicKey) {
    const namedCurve = cert.curve === oids.p256 ? 'P-256' : cert.curve === oids.p384 ? 'P-384' : undefined;
    if (namedCurve === undefined || algorithm !== 'ECDSA')
      throw new Error('the certificate key does not fit');
    return crypto.subtle.importKey('spki', cert.publicKeyInfo, { name: 'ECDSA', namedCurve }, false, [
      'verify',
    ]);
  }
  if (cert.keyType === oids.rsaEncryption && algorithm !== 'ECDSA') {
    return crypto.subtle.importKey('spki', cert.publicKeyInfo, { name: algorithm, hash: 'SHA-256' }, false, [
      'verify',
    ]);
  }
  throw new Error('the certificate key does not fit');
}

/** True when `issuer`'s key signed `cert`. */
async function signedBy(cert, issuer) {
  const algorithm = cert.signatureAlgorithm;
  try {
    if (algorithm === oids.ecdsaSha256 || algorithm === oids.ecdsaSha384) {
      const key = await importPublicKey(issuer, 'ECDSA');
      const size = issuer.curve === oids.p384 ? 48 : 32;
      const hash = algorithm === oids.ecdsaSha384 ? 'SHA-384' : 'SHA-256';
      return crypto.subtle.verify(
        { name: 'ECDSA', hash },
        key,
        rawEcdsaSignature(cert.signature, size),
        cert.signedPart,
      );
    }
    if (algorithm === oids.rsaSha256) {
      const key = await importPublicKey(issuer, 'RSASSA-PKCS1-v1_5');
      return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, cert.signature, cert.signedPart);
    }
  } catch {
    return false;
  }
  return false;
}

function sameBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function issuedBy(cert, issuer) {
  return sameBytes(cert.issuer, issuer.subject);
}

/**
 * Checks that `chain` (x5c, DER, the signer first) leads to `root` (DER) at `now`: each
 * certificate within its validity, issued and signed by the next, every issuer a CA, the last one
 * the root itself or issued by it. Returns what was found; throws an Error saying what failed.
 */
export async function checkChain(chain, root, now) {
  const certs = chain.map((der, index) => {
    try {
      return parseCertificate(der);
    } catch (error) {
      throw new Error(`x5c[${index}] is not a readable X.509 certificate (${error.message})`);
    }
  });
  const anchor = parseCertificate(root);
  for (const [index, cert] of [...certs, anchor].entries()) {
    if (now < cert.notBefore || now > cert.notAfter) {
      throw new Error(
        `${index < certs.length ? `x5c[${index}]` : 'the DS root'} is outside its validity period`,
      );
    }
  }
  for (let index = 0; index + 1 < certs.length; index += 1) {
    const issuer = certs[index + 1];
    if (!issuedBy(certs[index], issuer) || !(await signedBy(certs[index], issuer))) {
      throw new Error(`x5c[${index}] is not issued and signed by x5c[${index + 1}]`);
    }
    if (!issuer.ca) throw new Error(`x5c[${index + 1}] issues a certificate but is not a CA`);
  }
  const last = certs[certs.length - 1];
  if (sameBytes(last.der, anchor.der)) return { leaf: certs[0], length: certs.length, rootIncluded: true };
  if (anchor.ca && issuedBy(last, anchor) && (await signedBy(last, anchor))) {
    return { leaf: certs[0], length: certs.length, rootIncluded: false };
  }
  throw new Error('the x5c chain does not lead to the sandbox DS root');
}
