import { ApiError, apiKey, get, getAll, request, subscribe } from './api.js';
import { formatTime, heartbeatBar, latencyChart } from './charts.js';
import { age, h, ms, percent, statusBadge } from './dom.js';

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
const liveIndicator = document.getElementById('live');
const PAGE_SIZE = 50;
const ORDER = { DOWN: 0, UNKNOWN: 1, UP: 2 };

/** What the list shows, kept across views so that going back to the list is instant. */
const state = { monitors: new Map(), loaded: false, filter: { status: '', name: '' }, page: 0 };
let stopLive = null;

function show(...children) {
  main.replaceChildren(...children);
}

function announce(text) {
  announcer.textContent = text;
}

function problemText(e) {
  if (e instanceof ApiError) return e.message;
  return `The API could not be reached (${e.message}).`;
}

// --- the API key and its scope -------------------------------------------------------------------------

/** Who the dashboard is signed in as ({id, name, scope, anonymous} from /api-keys/current); null until known. */
let caller = null;

/** A read key sees everything but is offered no change; write and admin keys may change monitors and pages. */
const canWrite = () => caller !== null && caller.scope !== 'read';

async function ensureAccess(refused = false) {
  const tried = apiKey.get();
  try {
    caller = (await request('GET', '/api-keys/current')).data;
    showCaller();
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      // Only the refused key goes: one entered while the request was under way is kept.
      if (apiKey.get() === tried) apiKey.clear();
      // A server that serves requests without a key still does after a stale key is dropped.
      if (tried && !apiKey.get()) return ensureAccess(true);
      caller = null;
      showCaller();
      showKeyForm(refused || tried ? 'That key was not accepted.' : null);
      return false;
    }
    throw e;
  }
}

/** The header says which key (and so which scope) the page uses, and offers to use another. */
function showCaller() {
  const target = document.getElementById('signed-in');
  document.getElementById('nav-new-monitor').hidden = !canWrite();
  document.body.dataset.scope = caller ? caller.scope : '';
  if (!caller) {
    target.replaceChildren();
    return;
  }
  const who = caller.anonymous ? 'No key (open access)' : `Key “${caller.name}”`;
  target.replaceChildren(`${who} · scope: `, h('strong', { id: 'scope' }, caller.scope),
    caller.anonymous ? null : h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: () => {
      apiKey.clear();
      caller = null;
      stopLive?.();
      stopLive = null;
      state.monitors.clear();
      state.loaded = false;
      start();
    } }, 'Use another key'));
}

function showKeyForm(message) {
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'api-key-help' });
  const error = h('p', { id: 'api-key-error', class: 'field-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    if (await ensureAccess()) {
      route();
    } else {
      document.getElementById('api-key-error').textContent = 'That key was not accepted.';
    }
  } },
  h('h1', {}, 'API key required'),
  h('p', { id: 'api-key-help' }, 'This Health Monitor needs an API key. It is kept in this browser tab only.'),
  h('label', { for: 'api-key' }, 'API key'), input, error,
  h('button', { type: 'submit' }, 'Continue'));
  show(form);
  input.focus();
}

// --- the monitor list ----------------------------------------------------------------------------------------

async function loadMonitors() {
  // DOWN first, so the first rows to appear are the ones that matter; then everything, page by page.
  const down = await getAll('/monitors?status=DOWN&limit=1000');
  down.forEach((m) => state.monitors.set(m.id, m));
  if (isListView()) renderList();
  await getAll('/monitors?limit=1000', (page) => {
    page.forEach((m) => state.monitors.set(m.id, m));
    if (isListView() && state.monitors.size <= 1000) renderList();
  });
  state.loaded = true;
  if (!performance.getEntriesByName('all-monitors').length) performance.mark('all-monitors');
}

const isListView = () => (location.hash || '#/') === '#/';

function filtered() {
  const name = state.filter.name.toLowerCase();
  return [...state.monitors.values()]
    .filter((m) => !state.filter.status || displayStatus(m) === state.filter.status)
    .filter((m) => !name || m.name.toLowerCase().includes(name))
    .sort((a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || a.name.localeCompare(b.name) || a.id - b.id);
}

const displayStatus = (m) => (m.enabled === false ? 'PAUSED' : m.status);

/** What a monitor checks, in one line: the URL, tcp://host:port, "dns A name @resolver", "heartbeat every 1 d, grace 1 h". */
function targetText(m) {
  if (m.type === 'dns') return `dns ${m.record_type} ${m.hostname}${m.resolver ? ` @${m.resolver}` : ''}`;
  if (m.type === 'tcp') return `${m.target}${m.tls ? ' (TLS)' : ''}`;
  return m.target ?? m.url;
}

const typeTag = (m) => h('span', { class: 'type', 'data-type': m.type }, m.type || 'http');

async function listView() {
  const summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-title' },
    h('h1', { id: 'summary-title' }, 'Monitors'), h('div', { id: 'summary-figures', class: 'figures' }));
  const statusSelect = h('select', { id: 'filter-status', name: 'status', onchange: (e) => { state.filter.status = e.target.value; state.page = 0; renderList(); } },
    ...[['', 'All'], ['DOWN', 'Down'], ['UP', 'Up'], ['UNKNOWN', 'Unknown'], ['PAUSED', 'Paused']]
      .map(([v, t]) => h('option', { value: v, selected: state.filter.status === v }, t)));
  const nameInput = h('input', { id: 'filter-name', name: 'name', type: 'search', value: state.filter.name,
    oninput: (e) => { state.filter.name = e.target.value; state.page = 0; renderList(); } });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'filter-status' }, 'Status'), statusSelect,
    h('label', { for: 'filter-name' }, 'Name'), nameInput);
  show(summary, filters, h('div', { id: 'monitor-table' }, h('p', { class: 'loading' }, 'Loading monitors…')));
  renderList();
  loadSummary();
  if (!state.loaded) {
    try {
      await loadMonitors();
      if (isListView()) renderList();
    } catch (e) {
      document.getElementById('monitor-table')?.replaceChildren(h('p', { role: 'alert', class: 'error' }, problemText(e)));
    }
  }
}

async function loadSummary() {
  try {
    const fleet = await get('/stats?window=24h');
    const target = document.getElementById('summary-figures');
    if (!target) return;
    const figure = (label, value, cls) => h('div', { class: `figure ${cls || ''}` }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
    target.replaceChildren(
      figure('Down', fleet.by_status.DOWN ?? 0, 'down'),
      figure('Up', fleet.by_status.UP ?? 0, 'up'),
      figure('Unknown', fleet.by_status.UNKNOWN ?? 0, 'unknown'),
      figure('Fleet uptime 24 h', percent(fleet.uptime_percent)));
  } catch (e) {
    // The table still works without the summary.
  }
}

function renderList() {
  const container = document.getElementById('monitor-table');
  if (!container) return;
  const rows = filtered();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const visible = rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
  const now = Date.now();
  const table = h('table', { class: 'monitors' },
    h('caption', {}, `${rows.length} monitor${rows.length === 1 ? '' : 's'}${state.loaded ? '' : ' (loading…)'}, down first`),
    h('thead', {}, h('tr', {}, ...['Status', 'Name', 'Target', 'Last check', 'Latency', 'Uptime 24 h', 'Uptime 30 d', 'Last checks']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...visible.map((m) => h('tr', { 'data-monitor-id': m.id },
      h('td', { class: 'status-cell' }, statusBadge(displayStatus(m))),
      h('th', { scope: 'row' }, h('a', { href: `#/monitors/${m.id}` }, m.name)),
      h('td', { class: 'url' }, typeTag(m), ' ', targetText(m)),
      h('td', {}, age(m.last_checked_at, now)),
      h('td', {}, ms(m.last_latency_ms)),
      h('td', {}, percent(m.uptime_24h)),
      h('td', {}, percent(m.uptime_30d)),
      h('td', { class: 'beats', 'data-beats-for': m.id }, '…')))));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: state.page === 0, onclick: () => { state.page--; renderList(); } }, 'Previous'),
    h('span', {}, `Page ${state.page + 1} of ${pages}`),
    h('button', { type: 'button', disabled: state.page >= pages - 1, onclick: () => { state.page++; renderList(); } }, 'Next'));
  container.replaceChildren(h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Monitors table' }, table), pager);
  // Marks for the first-paint benchmark (docs/benchmarks.md); cheap, and visible in the browser's performance tools.
  if (visible.length && !performance.getEntriesByName('first-rows').length) performance.mark('first-rows');
  loadHeartbeats(visible.map((m) => m.id));
}

let heartbeatRequest = 0;
async function loadHeartbeats(ids) {
  if (!ids.length) return;
  const mine = ++heartbeatRequest;
  try {
    const beats = await get(`/monitors/heartbeats?ids=${ids.join(',')}&limit=50`);
    if (mine !== heartbeatRequest) return;
    for (const [id, list] of Object.entries(beats)) {
      document.querySelector(`[data-beats-for="${id}"]`)?.replaceChildren(heartbeatBar(list));
    }
  } catch (e) {
    // Heartbeats are decoration: the row still says what matters.
  }
}

// --- one monitor ---------------------------------------------------------------------------------------------

async function monitorView(id) {
  let monitor;
  try {
    monitor = await get(`/monitors/${id}`);
  } catch (e) {
    show(h('h1', {}, 'Monitor'), h('p', { role: 'alert', class: 'error' }, problemText(e)));
    return;
  }
  state.monitors.set(monitor.id, monitor);
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
      state.monitors.delete(monitor.id);
      announce(`Deleted ${monitor.name}`);
      location.hash = '#/';
    } catch (e) {
      document.getElementById('action-error').textContent = problemText(e);
    }
  });
  const toggle = async () => {
    try {
      const { data } = await request('PUT', `/monitors/${monitor.id}`, { ...configOf(monitor), enabled: !monitor.enabled });
      state.monitors.set(data.id, data);
      announce(data.enabled ? 'Monitor resumed' : 'Monitor paused');
      monitorView(id);
    } catch (e) {
      document.getElementById('action-error').textContent = problemText(e);
    }
  };
  show(
    h('h1', { id: 'monitor-title' }, monitor.name, ' ', h('span', { id: 'monitor-status', 'data-status': status }, statusBadge(status))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Type'), h('dd', { id: 'monitor-type' }, typeTag(monitor)),
      h('dt', {}, 'Target'), h('dd', { class: 'url', id: 'monitor-target' }, targetText(monitor)),
      h('dt', {}, 'Since'), h('dd', {}, formatTime(monitor.last_status_change_at)),
      monitor.type === 'heartbeat'
        ? [h('dt', {}, 'Last ping'), h('dd', { id: 'last-ping' }, monitor.last_ping_at ? `${formatTime(monitor.last_ping_at)} (${age(monitor.last_ping_at)})` : 'never'),
          h('dt', {}, 'Expected by'), h('dd', {}, monitor.ping_deadline ? formatTime(monitor.ping_deadline) : '—')]
        : [h('dt', {}, 'Last check'), h('dd', {}, `${age(monitor.last_checked_at)}${monitor.type === 'http' ? ` · ${monitor.last_status_code ?? 'no response'}` : ''} · ${ms(monitor.last_latency_ms)}`)],
      h('dt', {}, 'Last error'), h('dd', { id: 'last-error' }, monitor.last_error || 'none'),
      monitor.type === 'heartbeat' ? null : [h('dt', {}, 'Checked every'), h('dd', {}, `${monitor.check_interval} s (timeout ${monitor.timeout} s`
        + `${monitor.type === 'http' ? `, expects ${monitor.expected_status_code ?? monitor.expected_status_codes?.join(', ')}` : ''})`)]),
    monitor.type === 'heartbeat' ? pingSection(monitor) : null,
    canWrite() ? h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/monitors/${monitor.id}/edit` }, 'Edit'),
      h('button', { type: 'button', id: 'toggle-enabled', onclick: toggle }, monitor.enabled ? 'Pause' : 'Resume'),
      h('button', { type: 'button', class: 'danger', id: 'delete-monitor', onclick: () => dialog.showModal() }, 'Delete'),
      h('p', { id: 'action-error', role: 'alert', class: 'error' })) : null,
    canWrite() ? dialog : null,
    h('section', { 'aria-labelledby': 'rt-title' },
      h('h2', { id: 'rt-title' }, 'Response time'),
      h('div', { role: 'group', 'aria-label': 'Window', class: 'windows' },
        ...['24h', '7d', '30d', '90d'].map((w) => h('button', { type: 'button', 'data-window': w, onclick: () => loadChart(monitor, w) }, w))),
      h('div', { id: 'chart' }, h('p', { class: 'loading' }, 'Loading…')),
      h('p', { class: 'legend' }, h('span', { class: 'key avg' }, 'average'), ' ', h('span', { class: 'key p95' }, 'p95'), ' ', h('span', { class: 'key fail' }, 'failed checks'))),
    h('section', { 'aria-labelledby': 'stats-title' }, h('h2', { id: 'stats-title' }, 'Uptime and latency'), h('div', { id: 'stats' }, h('p', { class: 'loading' }, 'Loading…'))),
    h('section', { 'aria-labelledby': 'changes-title' }, h('h2', { id: 'changes-title' }, 'Status changes'), h('div', { id: 'changes' }, h('p', { class: 'loading' }, 'Loading…'))));
  loadChart(monitor, '24h');
  loadStats(monitor.id);
  loadChanges(monitor.id);
}

/**
 * Only a token's hash is stored, so the API shows a ping URL once, in the response that issues it (creation, rotation);
 * the dashboard keeps it in this tab's memory, and otherwise offers to issue a new one.
 */
const pingUrls = new Map();

function remember(monitor) {
  if (monitor.ping_url) pingUrls.set(monitor.id, monitor.ping_url);
}

function pingSection(monitor) {
  const url = pingUrls.get(monitor.id);
  const rotate = canWrite() ? h('button', { type: 'button', id: 'rotate-ping-token', onclick: async () => {
    if (url && !window.confirm('Issue a new ping URL? The current one stops working at once.')) return;
    try {
      const { data } = await request('POST', `/monitors/${monitor.id}/rotate-ping-token`);
      remember(data);
      announce('New ping URL issued');
      monitorView(monitor.id);
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
  const copy = h('button', { type: 'button', id: 'copy-ping-url', onclick: async () => {
    try {
      await navigator.clipboard.writeText(url);
      announce('Ping URL copied');
    } catch (e) {
      // No clipboard (an insecure origin, a refused permission): select the URL so that it can be copied by hand.
      window.getSelection().selectAllChildren(document.getElementById('ping-url'));
      announce('Copying failed: the URL is selected, copy it by hand');
    }
  } }, 'Copy');
  return h('section', { 'aria-labelledby': 'ping-title', class: 'ping' }, h('h2', { id: 'ping-title' }, 'Ping URL'),
    h('p', {}, 'Keep it: it is shown only now. ', h('code', { id: 'ping-url' }, url), ' ', copy),
    h('p', {}, 'Call it when the job succeeds (append /fail on failure, /start when it begins), e.g. from cron:'),
    h('pre', {}, h('code', { id: 'ping-curl' }, curl)),
    rotate, h('p', { id: 'ping-error', role: 'alert', class: 'error' }));
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

async function loadStats(id) {
  const windows = ['24h', '7d', '30d', '90d'];
  const results = await Promise.all(windows.map((w) => get(`/monitors/${id}/stats?window=${w}`).catch(() => null)));
  const cell = (s, f) => h('td', {}, s ? f(s) : 'not available');
  document.getElementById('stats')?.replaceChildren(h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Window'), ...['Uptime', 'Checks', 'Incidents', 'p50', 'p95', 'p99'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...windows.map((w, i) => h('tr', {},
      h('th', { scope: 'row' }, w),
      cell(results[i], (s) => percent(s.uptime_percent)),
      cell(results[i], (s) => s.checks),
      cell(results[i], (s) => s.incidents),
      cell(results[i], (s) => ms(s.latency_ms?.p50)),
      cell(results[i], (s) => ms(s.latency_ms?.p95)),
      cell(results[i], (s) => ms(s.latency_ms?.p99))))))));
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
        h('td', {}, formatTime(c.changed_at)),
        h('td', {}, statusBadge(c.old_status), ' → ', statusBadge(c.new_status)),
        h('td', {}, c.reason || ''),
        h('td', {}, c.alert.delivery === 'NONE' ? 'no webhook' : `${c.alert.delivery.toLowerCase()}`
          + (c.alert.attempts ? ` after ${c.alert.attempts} attempt${c.alert.attempts > 1 ? 's' : ''}` : '')
          + (c.alert.last_error ? ` (${c.alert.last_error})` : ''))))))));
  } catch (e) {
    document.getElementById('changes')?.replaceChildren(h('p', { class: 'error' }, problemText(e)));
  }
}

// --- the monitor form ----------------------------------------------------------------------------------------

/** The fields that come back in a response but are not configuration. Everything else is sent back on PUT. */
const STATE_FIELDS = ['id', 'status', 'consecutive_failures', 'consecutive_successes', 'last_checked_at', 'last_status_code',
  'last_latency_ms', 'last_error', 'last_status_change_at', 'next_check_at', 'created_at', 'updated_at', 'uptime_24h', 'uptime_30d',
  'target', 'ping_url', 'last_ping_at', 'ping_deadline'];

/** The fields only some types have (the API refuses another type's): each type's own. */
const POLLED = ['check_interval', 'timeout'];
const TYPE_FIELDS = {
  http: [...POLLED, 'url', 'expected_status_code', 'expected_status_codes', 'method', 'headers', 'body', 'content_type',
    'assertions', 'follow_redirects', 'tls_expiry_days'],
  tcp: [...POLLED, 'host', 'port', 'tls', 'tls_expiry_days'],
  dns: [...POLLED, 'hostname', 'record_type', 'resolver', 'expected_values'],
  heartbeat: ['period', 'grace'],
};
const TYPES = Object.keys(TYPE_FIELDS);
const POLLED_TYPES = TYPES.filter((t) => TYPE_FIELDS[t].includes('check_interval'));

/** Drops what the config's type does not have, so that a changed type sends only the new type's fields. */
function onlyFieldsOfType(config) {
  const own = TYPE_FIELDS[config.type || 'http'];
  Object.values(TYPE_FIELDS).flat().filter((f) => !own.includes(f)).forEach((f) => delete config[f]);
  return config;
}

function configOf(monitor) {
  const config = { ...monitor };
  STATE_FIELDS.forEach((f) => delete config[f]);
  onlyFieldsOfType(config);
  if ((config.type || 'http') !== 'http') return config;
  // Responses show a single expected code both ways; a request may name it only one way.
  setExpectedCode(config, config.expected_status_code ?? null);
  return config;
}

/** One code replaces a set; no code keeps the monitor's set (or the default when it has none). */
function setExpectedCode(config, code) {
  if (code !== null) {
    config.expected_status_code = code;
    delete config.expected_status_codes;
  } else {
    delete config.expected_status_code;
  }
}

/** The form's fields; those with {@code types} show (and are sent) only for a monitor of one of those types. */
const FIELDS = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'type', label: 'Type', type: 'select', options: TYPES, value: 'http' },
  { name: 'url', label: 'URL', type: 'url', required: true, help: 'http or https', types: ['http'] },
  { name: 'host', label: 'Host', type: 'text', required: true, types: ['tcp'] },
  { name: 'port', label: 'Port', type: 'number', required: true, types: ['tcp'] },
  { name: 'tls', label: 'TLS handshake (certificate checked)', type: 'checkbox', types: ['tcp'] },
  { name: 'hostname', label: 'Host name to resolve', type: 'text', required: true, types: ['dns'] },
  { name: 'record_type', label: 'Record type', type: 'select', options: ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA'], value: 'A', types: ['dns'] },
  { name: 'resolver', label: 'Resolver, host or host:port (empty: the system’s)', type: 'text', types: ['dns'] },
  { name: 'expected_values', label: 'Expected values (comma-separated, all must be in the answer)', type: 'list', types: ['dns'] },
  { name: 'period', label: 'Period: seconds between the job’s runs', type: 'number', required: true, value: 86400, types: ['heartbeat'] },
  { name: 'grace', label: 'Grace: seconds a ping may be late', type: 'number', value: 3600, types: ['heartbeat'] },
  { name: 'check_interval', label: 'Check interval (seconds)', type: 'number', value: 60, types: POLLED_TYPES },
  { name: 'timeout', label: 'Timeout (seconds)', type: 'number', value: 5, types: POLLED_TYPES },
  { name: 'expected_status_code', label: 'Expected status code (empty: keep the monitor’s set of codes)', type: 'number', value: 200, types: ['http'] },
  { name: 'webhook_url', label: 'Slack webhook URL (optional)', type: 'url' },
];

function field(spec, value) {
  const id = `field-${spec.name}`;
  const shown = value ?? spec.value ?? '';
  const common = { id, name: spec.name, 'aria-describedby': `error-${spec.name}` };
  const error = h('p', { id: `error-${spec.name}`, class: 'field-error' });
  if (spec.type === 'checkbox') {
    return h('div', { class: 'field checkbox', 'data-types': spec.types?.join(' ') },
      h('input', { ...common, type: 'checkbox', checked: value === true }), h('label', { for: id }, spec.label), error);
  }
  const input = spec.type === 'select'
    ? h('select', common, ...spec.options.map((o) => h('option', { value: o, selected: o === shown }, o)))
    : h('input', { ...common, type: spec.type === 'number' ? 'number' : 'text', inputmode: spec.type === 'url' ? 'url' : null,
      value: Array.isArray(shown) ? shown.join(', ') : shown, required: spec.required });
  return h('div', { class: 'field', 'data-types': spec.types?.join(' ') },
    h('label', { for: id }, spec.label, spec.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null), input, error);
}

/** A field's value as the API takes it: null when empty. */
function valueOf(spec, input) {
  if (spec.type === 'checkbox') return input.checked;
  const raw = input.value.trim();
  if (raw === '') return null;
  if (spec.type === 'number') return Number(raw);
  if (spec.type === 'list') return raw.split(/\s*,\s*/).filter(Boolean);
  return raw;
}

/** Shows a problem's field errors next to their fields; errors for fields the form lacks go at the top. */
function showErrors(form, e) {
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  general.textContent = '';
  if (!(e instanceof ApiError) || !e.problem.errors) {
    general.textContent = problemText(e);
    return;
  }
  let first = null;
  for (const [name, message] of Object.entries(e.fieldErrors())) {
    const target = form.querySelector(`#error-${CSS.escape(name)}`);
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (target) {
      target.textContent = message;
      input?.setAttribute('aria-invalid', 'true');
      first = first || input;
    } else {
      general.textContent += `${name}: ${message}. `;
    }
  }
  (first || general).focus?.();
}

async function formView(id) {
  if (!canWrite()) {
    show(h('h1', {}, id ? 'Edit monitor' : 'New monitor'),
      h('p', { id: 'scope-refusal', role: 'alert' }, `This key has the ${caller?.scope} scope: it can look at monitors but not create or change them.`),
      h('p', {}, h('a', { href: '#/' }, 'Back to the monitors')));
    return;
  }
  let monitor = null;
  if (id) {
    try {
      monitor = await get(`/monitors/${id}`);
    } catch (e) {
      show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
      return;
    }
  }
  const enabled = h('input', { id: 'field-enabled', name: 'enabled', type: 'checkbox', checked: monitor ? monitor.enabled : true });
  const form = h('form', { class: 'card', id: 'monitor-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = monitor ? configOf(monitor) : {};
    const type = form.elements.type.value;
    for (const spec of FIELDS) {
      if (!spec.types || spec.types.includes(type)) body[spec.name] = valueOf(spec, form.elements[spec.name]);
    }
    onlyFieldsOfType(body);
    if (type === 'http') setExpectedCode(body, body.expected_status_code);
    body.enabled = enabled.checked;
    try {
      const { data } = await request(monitor ? 'PUT' : 'POST', monitor ? `/monitors/${monitor.id}` : '/monitors', body);
      state.monitors.set(data.id, data);
      remember(data);
      announce(monitor ? 'Monitor saved' : 'Monitor created');
      location.hash = `#/monitors/${data.id}`;
    } catch (e) {
      showErrors(form, e);
    }
  } },
  h('h1', {}, monitor ? `Edit ${monitor.name}` : 'New monitor'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  ...FIELDS.map((spec) => field(spec, monitor ? monitor[spec.name] : undefined)),
  h('div', { class: 'field checkbox' }, enabled, h('label', { for: 'field-enabled' }, 'Enabled')),
  h('button', { type: 'submit', id: 'save-monitor' }, monitor ? 'Save' : 'Create monitor'));
  // Only the chosen type's fields show; the others are hidden and not sent.
  const showType = () => form.querySelectorAll('[data-types]').forEach((div) => {
    div.hidden = !div.dataset.types.split(' ').includes(form.elements.type.value);
  });
  form.elements.type.addEventListener('change', showType);
  showType();
  show(form);
  form.elements.name.focus();
}

// --- status pages --------------------------------------------------------------------------------------------

async function statusPagesView() {
  const list = h('div', { id: 'status-page-list' }, h('p', { class: 'loading' }, 'Loading…'));
  const form = h('form', { class: 'card', id: 'status-page-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const ids = form.elements.monitor_ids.value.split(/[\s,]+/).filter(Boolean).map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    const body = { slug: form.elements.slug.value.trim(), title: form.elements.title.value.trim(),
      description: form.elements.description.value.trim() || null, monitor_ids: ids };
    try {
      const { data } = await request('POST', '/status-pages', body);
      announce(`Status page ${data.slug} created`);
      statusPagesView();
    } catch (e) {
      showErrors(form, e);
    }
  } },
  h('h2', {}, 'New status page'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  field({ name: 'slug', label: 'Slug (lowercase letters, digits, hyphens)', type: 'text', required: true }),
  field({ name: 'title', label: 'Title', type: 'text', required: true }),
  field({ name: 'description', label: 'Description', type: 'text' }),
  field({ name: 'monitor_ids', label: 'Monitor ids, in display order (comma-separated)', type: 'text' }),
  h('button', { type: 'submit', id: 'create-status-page' }, 'Create status page'));
  show(h('h1', {}, 'Status pages'), list, canWrite() ? form : null);
  try {
    const pages = await getAll('/status-pages?limit=1000');
    list.replaceChildren(pages.length
      ? h('ul', { class: 'pages' }, ...pages.map((p) => h('li', {},
        h('a', { href: p.public_url }, p.title), ` (${p.slug}) · ${p.monitor_ids.length + p.groups.reduce((n, g) => n + g.monitor_ids.length, 0)} monitors`,
        canWrite() ? [' · ', h('button', { type: 'button', class: 'link danger', onclick: async () => {
          if (!window.confirm(`Delete the status page “${p.title}”?`)) return;
          await request('DELETE', `/status-pages/${p.id}`);
          statusPagesView();
        } }, 'Delete')] : null)))
      : h('p', {}, 'No status pages yet.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

// --- live updates ----------------------------------------------------------------------------------------------

let reconnecting = false;
function startLive() {
  if (stopLive) return;
  stopLive = subscribe(async (name, change) => {
    if (name !== 'status-change') return;
    try {
      const monitor = await get(`/monitors/${change.monitor_id}`);
      state.monitors.set(monitor.id, monitor);
      announce(`${monitor.name} is ${monitor.status.toLowerCase()}`);
    } catch (e) {
      return;
    }
    if (isListView()) {
      renderList();
      loadSummary();
    } else if (location.hash === `#/monitors/${change.monitor_id}`) {
      monitorView(change.monitor_id);
    }
  }, (s) => {
    liveIndicator.dataset.state = s;
    liveIndicator.textContent = s === 'on' ? 'Live updates: on' : 'Live updates: reconnecting…';
    if (s === 'on' && reconnecting && state.loaded) {
      // Changes made while the stream was down were not replayed: reload the list.
      state.loaded = false;
      if (isListView()) listView();
    }
    reconnecting = s !== 'on';
  });
}

// --- routing -------------------------------------------------------------------------------------------------

function route() {
  // Idempotent; here because a key may have been entered since the page loaded.
  startLive();
  const hash = location.hash || '#/';
  let m;
  document.title = 'Health Monitor';
  if (hash === '#/') listView();
  else if (hash === '#/monitors/new') formView(null);
  else if ((m = hash.match(/^#\/monitors\/(\d+)\/edit$/))) formView(Number(m[1]));
  else if ((m = hash.match(/^#\/monitors\/(\d+)$/))) monitorView(Number(m[1]));
  else if (hash === '#/status-pages') statusPagesView();
  else show(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the monitors')));
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);

async function start() {
  try {
    if (await ensureAccess()) route();
  } catch (e) {
    show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
  }
}

start();
// Ages and uptimes drift; refresh the list now and then even without status changes.
setInterval(() => {
  if (isListView() && state.loaded && document.visibilityState === 'visible') {
    state.loaded = false;
    loadMonitors().then(() => isListView() && renderList()).catch(() => {});
  }
}, 60000);
