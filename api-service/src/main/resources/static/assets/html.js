// Rendering helpers shared by the dashboard and the status pages. h() builds elements with text always as text
// nodes, never as HTML, so monitor names cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const ICONS = { UP: '▲', DOWN: '▼', UNKNOWN: '?', PAUSED: '❚❚', MAINTENANCE: '⚒' };
const LABELS = { UP: 'Up', DOWN: 'Down', UNKNOWN: 'Unknown', PAUSED: 'Paused', MAINTENANCE: 'Maintenance' };

/** A status as icon and text, so it reads without colour. */
export function statusBadge(status) {
  return h('span', { class: `status status-${status.toLowerCase()}` },
    h('span', { 'aria-hidden': 'true' }, ICONS[status] || '?'), ' ', LABELS[status] || status);
}

/** "degraded (eu-west-1)": failing in fewer locations than count as down; nothing when it is not. */
export function degradedBadge(monitor) {
  if (!monitor.degraded) return '';
  return h('span', { class: 'status status-degraded', title: 'Failing in fewer locations than min_failing_locations' },
    `degraded (${monitor.failing_locations.join(', ')})`);
}

export function age(iso, now = Date.now()) {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export const percent = (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(2)}%`);
export const ms = (v) => (v === null || v === undefined ? '—' : `${Math.round(Number(v))} ms`);

/** An instant as UTC text, the same as the status page's server rendering writes it. */
export const utc = (iso) => `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** A time shown in the reader's zone (or as `text`, e.g. an age), with its UTC on hover. */
export function time(iso, text) {
  if (!iso) return text ?? '—';
  return h('time', { datetime: iso, title: utc(iso) }, text ?? new Date(iso).toLocaleString());
}

/** Shows the server-rendered times under root in the reader's zone; their UTC stays on hover. */
export function localTimes(root) {
  for (const node of root.querySelectorAll('time[datetime]')) {
    node.textContent = new Date(node.dateTime).toLocaleString();
    node.title = utc(node.dateTime);
  }
}
