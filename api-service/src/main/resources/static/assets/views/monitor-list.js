// The monitor list (#/): fleet figures, filters, and a page of monitors, down first, each with its last checks.
import { get, getAll, problemText } from '../api.js';
import { heartbeatBar } from '../charts.js';
import { age, degradedBadge, h, ms, percent, statusBadge, time } from '../html.js';
import { displayStatus, resultText, targetText, typeTag } from '../monitor-fields.js';
import { monitors } from '../monitors.js';
import { show } from '../page.js';

const PAGE_SIZE = 50;
const ORDER = { DOWN: 0, UNKNOWN: 1, UP: 2 };

/**
 * The list's own filter and page, kept while the page is open; no other module sees them. `found`: the ids the
 * server's search (`GET /monitors?q=`, name and target) answered for the text in the search box, null without one.
 */
const view = { filter: { status: '', name: '' }, page: 0, found: null };
let heartbeatRequest = 0;
let searchRequest = 0;

export const isListView = () => (location.hash || '#/') === '#/';

export async function listView() {
  const summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-title' },
    h('h1', { id: 'summary-title' }, 'Monitors'), h('div', { id: 'summary-figures', class: 'figures' }));
  const statusSelect = h('select', { id: 'filter-status', name: 'status', onchange: (e) => { view.filter.status = e.target.value; view.page = 0; renderList(); } },
    ...[['', 'All'], ['DOWN', 'Down'], ['UP', 'Up'], ['UNKNOWN', 'Unknown'], ['PAUSED', 'Paused'], ['MAINTENANCE', 'Maintenance']]
      .map(([v, t]) => h('option', { value: v, selected: view.filter.status === v }, t)));
  const nameInput = h('input', { id: 'filter-name', name: 'q', type: 'search', value: view.filter.name, maxlength: 200,
    placeholder: 'name or target', oninput: (e) => { view.filter.name = e.target.value; view.page = 0; search(); } });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'filter-status' }, 'Status'), statusSelect,
    h('label', { for: 'filter-name' }, 'Search'), nameInput);
  show(summary, filters, h('div', { id: 'monitor-table' }, h('p', { class: 'loading' }, 'Loading monitors…')));
  renderList();
  if (view.filter.name.trim()) search(); // what matched when the list was left may have changed
  loadSummary();
  if (!monitors.isLoaded()) {
    try {
      await loadAll();
      if (isListView()) renderList();
    } catch (e) {
      document.getElementById('monitor-table')?.replaceChildren(h('p', { role: 'alert', class: 'error' }, problemText(e)));
    }
  }
}

/** Shows the list again from what is known, e.g. after a live status change. */
export function refreshList() {
  renderList();
  loadSummary();
}

/** Reads every monitor again (ages and uptimes drift), showing the list as it comes. */
export function reloadList() {
  monitors.invalidate();
  loadAll().then(() => isListView() && renderList()).catch(() => {});
}

function loadAll() {
  return monitors.load(
    () => isListView() && renderList(),
    () => isListView() && monitors.count() <= 1000 && renderList());
}

/** Asks the server which monitors match the search box (name or target, indexed), the latest typing winning. */
async function search() {
  const mine = ++searchRequest;
  const q = view.filter.name.trim();
  if (!q) {
    view.found = null;
    renderList();
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 150)); // one request when typing pauses, not one per key
  if (mine !== searchRequest) return;
  try {
    const found = await getAll(`/monitors?q=${encodeURIComponent(q)}&limit=1000`);
    if (mine !== searchRequest) return;
    found.forEach(monitors.put);
    view.found = new Set(found.map((m) => m.id));
    renderList();
  } catch (e) {
    if (mine !== searchRequest) return;
    document.getElementById('monitor-table')?.replaceChildren(h('p', { role: 'alert', class: 'error' }, problemText(e)));
  }
}

function filtered() {
  return monitors.all()
    .filter((m) => !view.filter.status || displayStatus(m) === view.filter.status)
    .filter((m) => !view.found || view.found.has(m.id))
    .sort((a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || a.name.localeCompare(b.name) || a.id - b.id);
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
  view.page = Math.min(view.page, pages - 1);
  const visible = rows.slice(view.page * PAGE_SIZE, (view.page + 1) * PAGE_SIZE);
  const now = Date.now();
  const table = h('table', { class: 'monitors' },
    h('caption', {}, `${rows.length} monitor${rows.length === 1 ? '' : 's'}${monitors.isLoaded() ? '' : ' (loading…)'}, down first`),
    h('thead', {}, h('tr', {}, ...['Status', 'Name', 'Target', 'Last check', 'Latency', 'Uptime 24 h', 'Uptime 30 d', 'Last checks']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...visible.map((m) => h('tr', { 'data-monitor-id': m.id },
      h('td', { class: 'status-cell' }, statusBadge(displayStatus(m)), degradedBadge(m)),
      h('th', { scope: 'row' }, h('a', { href: `#/monitors/${m.id}` }, m.name)),
      h('td', { class: 'url' }, typeTag(m), ' ', targetText(m)),
      h('td', {}, time(m.last_checked_at, age(m.last_checked_at, now))),
      h('td', {}, ms(m.last_latency_ms)),
      h('td', {}, percent(m.uptime_24h)),
      h('td', {}, percent(m.uptime_30d)),
      h('td', { class: 'beats', 'data-beats-for': m.id }, '…')))));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: view.page === 0, onclick: () => { view.page--; renderList(); } }, 'Previous'),
    h('span', {}, `Page ${view.page + 1} of ${pages}`),
    h('button', { type: 'button', disabled: view.page >= pages - 1, onclick: () => { view.page++; renderList(); } }, 'Next'));
  container.replaceChildren(h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Monitors table' }, table), pager);
  // Marks for the first-paint benchmark (docs/benchmarks.md); cheap, and visible in the browser's performance tools.
  if (visible.length && !performance.getEntriesByName('first-rows').length) performance.mark('first-rows');
  loadHeartbeats(visible);
}

async function loadHeartbeats(shown) {
  if (!shown.length) return;
  const mine = ++heartbeatRequest;
  try {
    const beats = await get(`/monitors/heartbeats?ids=${shown.map((m) => m.id).join(',')}&limit=50`);
    if (mine !== heartbeatRequest) return;
    for (const m of shown) {
      if (!beats[m.id]) continue;
      document.querySelector(`[data-beats-for="${m.id}"]`)?.replaceChildren(heartbeatBar(beats[m.id], 50, (r) => resultText(m, r)));
    }
  } catch (e) {
    // Heartbeats are decoration: the row still says what matters.
  }
}
