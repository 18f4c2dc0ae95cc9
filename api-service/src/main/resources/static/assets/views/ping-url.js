// A heartbeat's ping URL: shown once, when issued, with a copy button and a cron example.
import { problemText, request } from '../api.js';
import { h } from '../html.js';
import { announce } from '../page.js';
import { canWrite } from '../session.js';
import { copyButton } from '../widgets.js';

/**
 * Only a token's hash is stored, so the API shows a ping URL once, in the response that issues it (creation, rotation);
 * the dashboard keeps it in this tab's memory, and otherwise offers to issue a new one.
 */
const pingUrls = new Map();

export function remember(monitor) {
  if (monitor.ping_url) pingUrls.set(monitor.id, monitor.ping_url);
}

/** The ping URL section of a heartbeat's page; onRotated() shows the page again with a new URL. */
export function pingSection(monitor, onRotated) {
  const url = pingUrls.get(monitor.id);
  const rotate = canWrite() ? h('button', { type: 'button', id: 'rotate-ping-token', onclick: async () => {
    if (url && !window.confirm('Issue a new ping URL? The current one stops working at once.')) return;
    try {
      const { data } = await request('POST', `/monitors/${monitor.id}/rotate-ping-token`);
      remember(data);
      announce('New ping URL issued');
      onRotated();
    } catch (e) {
      document.getElementById('ping-error').textContent = problemText(e);
    }
  } }, url ? 'Issue a new ping URL' : 'Show a new ping URL') : null;
  if (!url) {
    return h('section', { 'aria-labelledby': 'ping-title', class: 'ping' }, h('h2', { id: 'ping-title' }, 'Ping URL'),
      h('p', {}, 'The ping URL is shown once, when it is issued. A new one replaces it: the job must then use the new one.'),
      rotate, h('p', { id: 'ping-error', role: 'alert', class: 'error' }));
  }
  const curl = `0 3 * * * backup.sh && curl -fsS -m 10 "${url}"`;
  const copy = copyButton('copy-ping-url', url, 'ping-url', 'Ping URL');
  return h('section', { 'aria-labelledby': 'ping-title', class: 'ping' }, h('h2', { id: 'ping-title' }, 'Ping URL'),
    h('p', {}, 'Keep it: it is shown only now. ', h('code', { id: 'ping-url' }, url), ' ', copy),
    h('p', {}, 'Call it when the job succeeds (append /fail on failure, /start when it begins), e.g. from cron:'),
    h('pre', {}, h('code', { id: 'ping-curl' }, curl)),
    rotate, h('p', { id: 'ping-error', role: 'alert', class: 'error' }));
}
