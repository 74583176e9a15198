/*
 * Live SMS inbox (console): listens to the server-sent events at the URL in
 * #inbox-messages[data-events] and puts each new message at the top, or updates one already
 * shown (its delivery status moved). Builds the same markup as views/console/inbox.ts with
 * DOM calls and textContent only: message text is never parsed as HTML. Without JavaScript
 * the page still works with its Refresh link.
 */
(() => {
  const list = document.getElementById('inbox-messages');
  const live = document.getElementById('inbox-live');
  if (!list || typeof window.EventSource !== 'function') return;
  const url = list.getAttribute('data-events');
  if (!url) return;

  function setLive(text) {
    if (live) live.textContent = text;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(href) {
    // Only our own console paths: a link built from event data must never be javascript:.
    return typeof href === 'string' && href.startsWith('/console/') ? href : null;
  }

  function build(item) {
    const article = element('article', 'panel sms');
    article.setAttribute('data-sms-id', String(item.id));
    article.setAttribute('data-created', String(item.createdAt));
    article.setAttribute('aria-label', `SMS to ${item.to}`);

    const head = element('div', 'event-head');
    head.append(element('span', 'mono', item.to));
    head.append(
      element(
        'span',
        `badge ${/^badge-[a-z]+$/.test(item.statusClass) ? item.statusClass : ''}`,
        item.status,
      ),
    );
    if (item.errorCode !== null && item.errorCode !== undefined) {
      head.append(element('span', 'badge badge-bad', `error ${item.errorCode}`));
    }
    const time = element('time', '', item.time);
    time.setAttribute('datetime', String(item.createdAt));
    head.append(time);
    article.append(head);

    if (item.code !== null && item.code !== undefined) {
      const codeLine = element('p');
      codeLine.append(element('span', 'muted', 'Code'), ' ', element('strong', 'code-large', item.code));
      article.append(codeLine);
    }
    article.append(element('p', '', item.body));

    const transactionHref = safeHref(item.transactionHref);
    if (transactionHref !== null) {
      const line = element('p', 'muted', 'Transaction ');
      const link = element('a', 'mono', item.acsTransID);
      link.href = transactionHref;
      line.append(link);
      const filterHref = safeHref(item.filterHref);
      if (filterHref !== null) {
        const only = element('a', '', 'only its messages');
        only.href = filterHref;
        line.append(' · ', only);
      }
      article.append(line);
    }
    return article;
  }

  function show(item) {
    const fresh = build(item);
    const existing = Array.from(list.querySelectorAll('article[data-sms-id]')).find(
      (node) => node.getAttribute('data-sms-id') === String(item.id),
    );
    if (existing) {
      existing.replaceWith(fresh);
      return;
    }
    const empty = document.getElementById('inbox-empty');
    if (empty) empty.remove();
    // Newest first: before the first message that is not newer than this one.
    const after = Array.from(list.querySelectorAll('article[data-sms-id]')).find(
      (node) => (node.getAttribute('data-created') || '') <= String(item.createdAt),
    );
    list.insertBefore(fresh, after || null);
  }

  const source = new EventSource(url);
  source.addEventListener('open', () => setLive('Live: new messages appear here without reloading.'));
  source.addEventListener('error', () => setLive('Live updates paused: reconnecting…'));
  source.addEventListener('message', (event) => {
    let item;
    try {
      item = JSON.parse(event.data);
    } catch {
      return;
    }
    if (item && typeof item === 'object' && typeof item.id === 'string') show(item);
  });
})();
