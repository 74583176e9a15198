/**
 * The console's SMS inbox as a feed: the live page asks every second what changed, and gets
 * the messages it has not seen yet and those whose delivery status moved (queued -> failed,
 * say), so a tester watches the code arrive and its delivery settle without reloading.
 */

import type { FlowDeps } from '../common/deps.ts';
import { type InboxEntry, type InboxQuery, inboxMessages } from '../sandbox/inbox.ts';

/** How many of the newest messages each poll looks at. */
const pollWindow = 50;

/** A feed of inbox changes for one filter. */
export type InboxFeed = Readonly<{
  /** Messages new or changed since the last call, oldest first (the order to show them in). */
  changes(): Promise<readonly InboxEntry[]>;
}>;

/**
 * A feed over the messages matching `query`. The first call reports every message created at
 * or after `since` (the newest one the page already shows; a client ignores repeats), or every
 * message when the page showed none; later calls report only what is new or changed.
 */
export function inboxFeed(
  deps: FlowDeps,
  query: Omit<InboxQuery, 'limit'>,
  since: string | undefined,
): InboxFeed {
  let known: Map<string, string> | undefined;
  return {
    async changes() {
      const entries = await inboxMessages(deps, { ...query, limit: pollWindow });
      const previous = known;
      known = new Map(entries.map((entry) => [entry.id, stateOf(entry)]));
      const changed = entries.filter((entry) =>
        previous === undefined
          ? since === undefined || entry.createdAt >= since
          : previous.get(entry.id) !== stateOf(entry),
      );
      return changed.reverse();
    },
  };
}

function stateOf(entry: InboxEntry): string {
  return `${entry.status} ${entry.errorCode ?? ''}`;
}
