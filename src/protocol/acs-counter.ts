/**
 * acsCounterAtoS, the ACS-to-SDK message counter that every app-channel CRes carries, final
 * (final-cres.ts) or interim (interim-cres.ts): Table A.1 writes it as 3 decimal digits.
 */
import { InternalError } from '../errors/index.ts';

/** acsCounterAtoS as the spec writes it: the byte's decimal value in 3 digits. */
export function acsCounterAtoS(value: number, caller: string): string {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new InternalError('invariant_broken', `${caller}: acsCounterAtoS must be an integer 0-255`);
  }
  return String(value).padStart(3, '0');
}
