import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { enrolmentQrSvg } from '../../../src/otp/enrolment-qr.ts';
import { otpauthUri } from '../../../src/otp/totp.ts';

const uri = otpauthUri({
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  issuer: 'Test Bank: EU',
  accountName: 'Visa 4000 **** 0101',
});
const margin = 2;

/**
 * Reads the dark modules back out of the SVG: qrcode draws each row of dark runs as one path
 * of `M<x> <y+0.5>` (start of a row), `h<n>` (n dark modules) and `m<dx> 0` (skip dx).
 */
function darkModules(svg: string): Set<string> {
  const d = /<path stroke="#000000" d="([^"]*)"\/>/.exec(svg)?.[1];
  if (d === undefined) throw new Error('no dark path in the SVG');
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([Mhm])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === 'M') {
      x = Number(a);
      y = Number(b) - 0.5;
    } else if (op === 'm') {
      x += Number(a);
    } else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i},${y}`);
      x += Number(a);
    }
  }
  return dark;
}

describe('enrolmentQrSvg', () => {
  it('returns a bare SVG element with no script, handlers or links', async () => {
    const svg = await enrolmentQrSvg(uri);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|\bon[a-z]+=|href|javascript:/i);
    expect([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1])).toEqual(['svg', 'path', 'path']);
  });

  it('draws exactly the QR matrix of the URI at error correction M with a 2-module margin', async () => {
    const svg = await enrolmentQrSvg(uri);
    const qr = QRCode.create(uri, { errorCorrectionLevel: 'M' });
    expect(qr.errorCorrectionLevel).toEqual(
      QRCode.create('x', { errorCorrectionLevel: 'M' }).errorCorrectionLevel,
    );
    const size = qr.modules.size;
    expect(svg).toContain(`viewBox="0 0 ${size + 2 * margin} ${size + 2 * margin}"`);

    const expected = new Set<string>();
    for (let row = 0; row < size; row++)
      for (let col = 0; col < size; col++)
        if (qr.modules.get(row, col)) expected.add(`${col + margin},${row + margin}`);
    expect(darkModules(svg)).toEqual(expected);
  });

  it('is deterministic for the same URI and differs for another', async () => {
    const other = otpauthUri({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJR',
      issuer: 'Bank',
      accountName: 'x',
    });
    expect(await enrolmentQrSvg(uri)).toBe(await enrolmentQrSvg(uri));
    expect(await enrolmentQrSvg(other)).not.toBe(await enrolmentQrSvg(uri));
  });

  it('only renders otpauth TOTP URIs', async () => {
    await expect(enrolmentQrSvg('javascript:alert(1)')).rejects.toThrow(RangeError);
    await expect(enrolmentQrSvg('otpauth://hotp/x?secret=A')).rejects.toThrow(RangeError);
  });
});
