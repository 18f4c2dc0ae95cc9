// One monitor (#/monitors/{id}): its facts and actions; for a polled type its response-time chart, for a heartbeat
// its pings and missed periods; then its uptime table and status changes.
import { ApiError, get, problemText, request } from '../api.js';
import { heartbeatBar, latencyChart } from '../charts.js';
import { age, degradedBadge, h, ms, percent, statusBadge, time } from '../html.js';
import { configOf, displayStatus, resultText, targetText, typeTag } from '../monitor-fields.js';
import { monitors } from '../monitors.js';
import { announce, show } from '../page.js';
import { canWrite } from '../session.js';
import { pingSection } from './ping-url.js';

/** The id of the monitor whose page is shown, or null on any other view. */
export function shownMonitorId() {
  const match = /^#\/monitors\/(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

/**
 * This view's own count of renders: the page is shown again on each status change, and a slower earlier read of
 * the monitor must not replace a later one.
 */
let renders = 0;

export async function monitorView(id) {
  const render = ++renders;
  let monitor;
  try {
    monitor = await get(`/monitors/${id}`);
  } catch (e) {
    if (render === renders) show(h('h1', {}, 'Monitor'), h('p', { role: 'alert', class: 'error' }, problemText(e)));
    return;
  }
  monitors.put(monitor);
  if (render !== renders || shownMonitorId() !== id) return;
  const heartbeat = monitor.type === 'heartbeat';
  const status = displayStatus(monitor);
  const dialog = h('dialog', { id: 'confirm-delete', 'aria-labelledby': 'confirm-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, `Delete “${monitor.name}”?`),
      h('p', {}, 'Its history goes with it. This cannot be undone.'),
      h('button', { value: 'cancel', type: 'submit' }, 'Cancel'), ' ',
      h('button', { value: 'delete', type: 'submit', class: 'danger', id: 'confirm-delete-button' }, 'Delete')));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'delete') return;
    try {
      await request('DELETE', `/monitors/${monitor.id}`);
      monitors.remove(monitor.id);
      announce(`Deleted ${monitor.name}`);
      location.hash = '#/';
    } catch (e) {
      document.getElementById('action-error').textContent = problemText(e);
    }
  });
  const toggle = async () => {
    try {
      const { data } = await request('PUT', `/monitors/${monitor.id}`, { ...configOf(monitor), enabled: !monitor.enabled });
      monitors.put(data);
      announce(data.enabled ? 'Monitor resumed' : 'Monitor paused');
      monitorView(id);
    } catch (e) {
      document.getElementById('action-error').textContent = problemText(e);
    }
  };
  show(
    h('h1', { id: 'monitor-title' }, monitor.name, ' ', h('span', { id: 'monitor-status', 'data-status': status }, statusBadge(status)), degradedBadge(monitor)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Type'), h('dd', { id: 'monitor-type' }, typeTag(monitor)),
      h('dt', {}, 'Target'), h('dd', { class: 'url', id: 'monitor-target' }, targetText(monitor)),
      h('dt', {}, 'Since'), h('dd', {}, time(monitor.last_status_change_at)),
      heartbeat
        ? [h('dt', {}, 'Last ping'), h('dd', { id: 'last-ping' }, monitor.last_ping_at ? [time(monitor.last_ping_at), ` (${age(monitor.last_ping_at)})`] : 'never'),
          h('dt', {}, 'Expected by'), h('dd', {}, time(monitor.ping_deadline))]
        : [h('dt', {}, 'Last check'), h('dd', {}, time(monitor.last_checked_at, age(monitor.last_checked_at)), `${monitor.type === 'http' ? ` · ${monitor.last_status_code ?? 'no response'}` : ''} · ${ms(monitor.last_latency_ms)}`)],
      h('dt', {}, 'Last error'), h('dd', { id: 'last-error' }, monitor.last_error || 'none'),
      monitor.depends_on?.length ? [h('dt', {}, 'Depends on'), h('dd', { id: 'depends-on' }, ...dependencyLinks(monitor.depends_on))] : null,
      // A heartbeat's period and grace are in its target line.
      heartbeat ? null : [h('dt', {}, 'Checked every'), h('dd', {}, `${monitor.check_interval} s (timeout ${monitor.timeout} s`
        + `${monitor.type === 'http' ? `, expects ${monitor.expected_status_code ?? monitor.expected_status_codes?.join(', ')}` : ''})`)]),
    heartbeat ? pingSection(monitor, () => monitorView(monitor.id)) : null,
    canWrite() ? h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/monitors/${monitor.id}/edit` }, 'Edit'),
      h('button', { type: 'button', id: 'toggle-enabled', onclick: toggle }, monitor.enabled ? 'Pause' : 'Resume'),
      h('button', { type: 'button', class: 'danger', id: 'delete-monitor', onclick: () => dialog.showModal() }, 'Delete'),
      h('p', { id: 'action-error', role: 'alert', class: 'error' })) : null,
    canWrite() ? dialog : null,
    // A heartbeat has no latency: its history is the pings and the periods without one.
    heartbeat
      ? h('section', { 'aria-labelledby': 'pings-title' },
        h('h2', { id: 'pings-title' }, 'Pings and missed periods'),
        h('div', { id: 'pings' }, h('p', { class: 'loading' }, 'Loading…')))
      : h('section', { 'aria-labelledby': 'rt-title' },
        h('h2', { id: 'rt-title' }, 'Response time'),
        h('div', { role: 'group', 'aria-label': 'Window', class: 'windows' },
          ...['24h', '7d', '30d', '90d'].map((w) => h('button', { type: 'button', 'data-window': w, onclick: () => loadChart(monitor, w) }, w))),
        h('div', { id: 'chart' }, h('p', { class: 'loading' }, 'Loading…')),
        h('p', { class: 'legend' }, h('span', { class: 'key avg' }, 'average'), ' ', h('span', { class: 'key p95' }, 'p95'), ' ', h('span', { class: 'key fail' }, 'failed checks'))),
    h('section', { 'aria-labelledby': 'stats-title' }, h('h2', { id: 'stats-title' }, heartbeat ? 'Uptime' : 'Uptime and latency'),
      h('div', { id: 'stats' }, h('p', { class: 'loading' }, 'Loading…'))),
    h('section', { 'aria-labelledby': 'slo-title' }, h('h2', { id: 'slo-title' }, 'Error budget'),
      h('div', { id: 'slo' }, h('p', { class: 'loading' }, 'Loading…'))),
    h('section', { 'aria-labelledby': 'changes-title' }, h('h2', { id: 'changes-title' }, 'Status changes'), h('div', { id: 'changes' }, h('p', { class: 'loading' }, 'Loading…'))));
  if (heartbeat) loadPings(monitor);
  else loadChart(monitor, '24h');
  loadStats(monitor);
  loadSlo(monitor.id);
  loadChanges(monitor.id);
}

const WINDOWS = { '24h': [864e5, '15m'], '7d': [6048e5, '1h'], '30d': [2592e6, '6h'], '90d': [7776e6, '1d'] };
const STEP_MS = { '1m': 6e4, '5m': 3e5, '15m': 9e5, '1h': 36e5, '6h': 216e5, '1d': 864e5 };

/**
 * The series of a window, but never from before the monitor existed: a young monitor gets a finer step over its
 * short life instead of a window of empty buckets (and the raw data a fine step needs exists for that span).
 */
function seriesQuery(monitor, window, notBefore) {
  const [length, defaultStep] = WINDOWS[window];
  const now = Date.now();
  const from = Math.max(now - length, Date.parse(monitor.created_at), notBefore || 0);
  const span = now - from;
  const step = span <= 2 * 36e5 ? '1m' : span <= 12 * 36e5 && STEP_MS[defaultStep] < 864e5 ? '5m' : defaultStep;
  const stepMs = STEP_MS[step];
  const aligned = Math.min(Math.ceil(from / stepMs) * stepMs, Math.floor(now / stepMs) * stepMs);
  return `/monitors/${monitor.id}/series?from=${new Date(aligned).toISOString()}&step=${step}`;
}

async function loadChart(monitor, window) {
  document.querySelectorAll('[data-window]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.window === window)));
  let series;
  try {
    series = await get(seriesQuery(monitor, window));
  } catch (e) {
    // Finer data is kept for a limited time; the API says from when. Retry from there.
    const kept = e instanceof ApiError && /kept from (\S+) on/.exec(JSON.stringify(e.problem));
    try {
      if (!kept) throw e;
      series = await get(seriesQuery(monitor, window, Date.parse(kept[1])));
    } catch (again) {
      document.getElementById('chart')?.replaceChildren(h('p', { class: 'error' }, problemText(again)));
      return;
    }
  }
  document.getElementById('chart')?.replaceChildren(latencyChart(series));
}

/** The last results of a heartbeat: a bar of up to 50, oldest left, and the newest ten in words. */
async function loadPings(monitor) {
  const target = () => document.getElementById('pings');
  let results;
  try {
    results = await get(`/monitors/${monitor.id}/checks?limit=50`);
  } catch (e) {
    target()?.replaceChildren(h('p', { class: 'error' }, problemText(e)));
    return;
  }
  if (!results.length) {
    target()?.replaceChildren(h('p', {}, 'No pings yet.'));
    return;
  }
  target()?.replaceChildren(heartbeatBar(results, 50, (r) => resultText(monitor, r)),
    h('div', { class: 'scroll' }, h('table', { id: 'ping-results' },
      h('thead', {}, h('tr', {}, ...['Time', 'Result'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...results.slice(0, 10).map((r) => h('tr', {},
        h('td', {}, time(r.checked_at)),
        h('td', {}, statusBadge(r.success ? 'UP' : 'DOWN'), ' ', resultText(monitor, r))))))));
}

/** Uptime per window; a heartbeat's results are its pings and missed periods, and it has no latency. */
async function loadStats(monitor) {
  const windows = ['24h', '7d', '30d', '90d'];
  const results = await Promise.all(windows.map((w) => get(`/monitors/${monitor.id}/stats?window=${w}`).catch(() => null)));
  const columns = monitor.type === 'heartbeat'
    ? [['Uptime', (s) => percent(s.uptime_percent)], ['Pings', (s) => s.checks - s.failures],
      ['Missed or failed', (s) => s.failures], ['Incidents', (s) => s.incidents]]
    : [['Uptime', (s) => percent(s.uptime_percent)], ['Checks', (s) => s.checks], ['Incidents', (s) => s.incidents],
      ...['p50', 'p95', 'p99'].map((p) => [p, (s) => ms(s.latency_ms?.[p])])];
  document.getElementById('stats')?.replaceChildren(h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Window'), ...columns.map(([t]) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...windows.map((w, i) => h('tr', {},
      h('th', { scope: 'row' }, w),
      ...columns.map(([, f]) => h('td', {}, results[i] ? f(results[i]) : 'not available'))))))));
}

const hours = (seconds) => `${(Number(seconds) / 3600).toFixed(2)} h`;
const rate = (r) => (r === null || r === undefined ? 'no budget' : `${Number(r).toFixed(2)}×`);

/** The objective's budget left and burn rates (1 = on budget), or a note that the monitor has none. */
async function loadSlo(id) {
  const target = () => document.getElementById('slo');
  let slo;
  try {
    slo = await get(`/monitors/${id}/slo`);
  } catch (e) {
    target()?.replaceChildren(h('p', { class: e instanceof ApiError && e.status === 404 ? '' : 'error' },
      e instanceof ApiError && e.status === 404 ? 'No objective set (PUT /monitors/{id}/slo).' : problemText(e)));
    return;
  }
  const left = slo.budget_left_percent === null ? 'exhausted' : `${Number(slo.budget_left_percent).toFixed(1)}%`;
  target()?.replaceChildren(h('dl', { class: 'facts', id: 'slo-facts' },
    h('dt', {}, 'Objective'), h('dd', {}, `${Number(slo.objective)}% per ${slo.period.replace('_', ' ')}`),
    h('dt', {}, 'Attained'), h('dd', { id: 'slo-attained' }, percent(slo.attained_percent)),
    h('dt', {}, 'Budget left'), h('dd', { id: 'slo-budget-left', 'data-exhausted': String(slo.budget_exhausted) },
      `${left} (${Number(slo.budget_left.checks).toFixed(1)} failed checks, ${hours(slo.budget_left.seconds)} of downtime)`),
    h('dt', {}, 'Burn rate'), h('dd', { id: 'slo-burn' }, `${rate(slo.burn_rate['1h'])} over 1 h, ${rate(slo.burn_rate['6h'])} over 6 h`)));
}

/** Links to the monitors a monitor depends on, named as soon as their names are read (a monitor names few). */
function dependencyLinks(ids) {
  const links = ids.map((id) => h('a', { href: `#/monitors/${id}` }, monitors.get(id)?.name ?? `#${id}`));
  monitors.names(ids).then((names) => links.forEach((link, i) => {
    if (names.has(ids[i])) link.textContent = names.get(ids[i]);
  }));
  return links.flatMap((link, i) => [i ? ', ' : null, link]);
}

async function loadChanges(id) {
  try {
    const changes = await get(`/monitors/${id}/status-changes?limit=50`);
    const target = document.getElementById('changes');
    if (!target) return;
    if (!changes.length) {
      target.replaceChildren(h('p', {}, 'No status changes yet.'));
      return;
    }
    target.replaceChildren(h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Time', 'Change', 'Reason', 'Alert'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...changes.map((c) => h('tr', {},
        h('td', {}, time(c.changed_at)),
        h('td', {}, statusBadge(c.old_status), ' → ', statusBadge(c.new_status)),
        h('td', {}, c.reason || ''),
        h('td', {}, c.alert.delivery === 'NONE' ? 'no webhook' : `${c.alert.delivery.toLowerCase()}`
          + (c.alert.suppressed_by ? ` (held back: ${c.alert.suppressed_by.name ?? `monitor ${c.alert.suppressed_by.id}`} was down)` : '')
          + (c.alert.attempts ? ` after ${c.alert.attempts} attempt${c.alert.attempts > 1 ? 's' : ''}` : '')
          + (c.alert.last_error ? ` (${c.alert.last_error})` : ''))))))));
  } catch (e) {
    document.getElementById('changes')?.replaceChildren(h('p', { class: 'error' }, problemText(e)));
  }
}
