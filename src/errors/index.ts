/**
 * Every failure the ACS can report, as classes with stable codes a caller can switch on, one
 * file per family and the register of all their codes (register.ts; docs/errors.md lists the
 * same). Errors become responses in one place (src/http/common/error-handler.ts). Messages and
 * details never carry a PAN, a code, a key or a token: they name data elements, not values.
 */
export {
  AcsError,
  type AcsErrorCode,
  acsErrorCodes,
  acsErrors,
  type ErrorPageKind,
  errorPageKinds,
} from './acs.ts';
export { AppChannelError, appChannelErrors } from './app-channel.ts';
export { InternalError, internalErrors } from './internal.ts';
export {
  type EchoedIds,
  ProtocolError,
  type ProtocolErrorCode,
  type ProtocolErrorContext,
  protocolErrorDescriptions,
} from './protocol.ts';
export {
  codesOf,
  type ErrorFamily,
  errorFamilies,
  errorRegister,
  isAnswerable,
  registerEntryOf,
} from './register.ts';
export { StartupError, startupErrors } from './startup.ts';
