/**
 * The startup family: what stops the ACS from starting. A configuration value, a key or
 * certificate file, the secrets file, the TLS files, the seed file or the database is not
 * usable. src/main.ts prints the message and exits, so messages name the setting or the path,
 * never a key, a password, a PAN or a URL's credentials.
 */
import { CodedError } from './coded-error.ts';

/** Every code of the family, with what it means. */
export const startupErrors = {
  config_invalid: 'an ACS_* variable is unknown, missing or not a valid value',
  key_file_missing: 'a key or certificate file at an operator-configured path does not exist',
  key_file_unreadable: 'a key or certificate file exists but cannot be read',
  key_invalid: 'a private key file is not an unencrypted PEM key of the type its use needs',
  certificate_invalid: 'a certificate file is not a PEM X.509 certificate, or does not match its key',
  secrets_file_invalid: 'the secrets file is not the JSON object of base64 secrets it must be',
  tls_files_invalid:
    'the TLS certificate or key (ACS_TLS_CERT_PATH, ACS_TLS_KEY_PATH) is unreadable or does not match',
  seed_file_invalid: 'the seed file (ACS_SEED_FILE) is not valid JSON or breaks its schema',
  database_url_invalid: 'the database URL or its TLS settings cannot be used',
  database_open_failed: 'the database could not be opened or migrated',
} as const;

/** A failure that keeps the ACS from starting. */
export class StartupError extends CodedError<keyof typeof startupErrors> {}
