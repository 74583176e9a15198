/**
 * A console operator logged in for supertest: the operator is created and a session started
 * directly through the console's own flows (src/flows/console/operators.ts), as the login form
 * would, so a test of a console page starts from its page and not from the login.
 */
import { createOperator, startSession } from '../../src/flows/console/operators.ts';
import type { TestAcs } from './test-acs.ts';

/** The session's cookie header value and the CSRF token its forms must carry. */
export type ConsoleLogin = Readonly<{ cookie: string; csrf: string }>;

/** Creates operator `username` on `acs` and logs them in. */
export async function consoleLogin(
  acs: Pick<TestAcs, 'deps'>,
  username: string,
  password = 'a long test password',
): Promise<ConsoleLogin> {
  const operator = await createOperator(acs.deps, { username, password });
  const session = await startSession(acs.deps, operator);
  return { cookie: `acs_console=${session.token}`, csrf: session.csrfToken };
}
