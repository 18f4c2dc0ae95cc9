// The monitor list (#/): fleet figures, filters, the DOWN monitors pinned above, and one page of monitors, each with
// its last checks. Only what is shown is read, so the list costs the same few requests at any fleet size: the page
// (GET /monitors with the filters applied by the server, paged by id), the pinned DOWN block, and /stats for counts.
import { ApiError, get, problemText } from '../api.js';
import { heartbeatBar } from '../charts.js';
import { age, degradedBadge, h, ms, percent, statusBadge, time } from '../html.js';
import { displayStatus, resultText, targetText, typeTag } from '../monitor-fields.js';
import { monitors } from '../monitors.js';
import { show } from '../page.js';

const PAGE_SIZE = 50;
/**
 * Down first, without reading everything: up to this many DOWN monitors (with the same search and tag) are pinned
 * above the page, read with status=DOWN; "Show all down" switches the status filter to DOWN for the rest. The page
 * below is every monitor that matches, in the server's (id) order.
 */
const DOWN_SHOWN = 10;

/**
 * The list's own state, kept while the page is open; no other module sees it. cursors: the after_id of each page up
 * to the shown one (Previous pops one); next: the after_id of the following page, null on the last; page and down:
 * the ids shown, whose monitors monitors.js holds (so an edit or a deletion elsewhere shows at once on the way
 * back); fleet: the last /stats answer.
 */
const view = { filter: { status: '', q: '', tag: '' }, cursors: [0], next: null, page: null, down: null, fleet: null };
const shown = (ids) => ids.map(monitors.get).filter(Boolean);
const latest = { page: 0, down: 0, filters: 0 };
const beatsRequest = { page: 0, down: 0 };

/** Runs read one at a time; calls meanwhile make one more run after it, so a burst of changes costs two reads. */
function coalesced(read) {
  let running = false;
  let again = false;
  return async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await read();
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      run();
    }
  };
}
const downAfterChange = coalesced(() => loadDown());
const summaryAfterChange = coalesced(() => loadSummary());

export const isListView = () => (location.hash || '#/') === '#/';

export function listView() {
  const summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-title' },
    h('h1', { id: 'summary-title' }, 'Monitors'), h('div', { id: 'summary-figures', class: 'figures' }));
  // The statuses the server filters by; paused and maintenance are shown on the rows, not stored as a status.
  const statusSelect = h('select', { id: 'filter-status', name: 'status', onchange: (e) => setFilter('status', e.target.value) },
    ...[['', 'All'], ['DOWN', 'Down'], ['UP', 'Up'], ['UNKNOWN', 'Unknown']]
      .map(([v, t]) => h('option', { value: v, selected: view.filter.status === v }, t)));
  const typed = (field) => (e) => setFilter(field, e.target.value, true);
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'filter-status' }, 'Status'), statusSelect,
    h('label', { for: 'filter-name' }, 'Search'),
    h('input', { id: 'filter-name', name: 'q', type: 'search', value: view.filter.q, maxlength: 200,
      placeholder: 'name or target', oninput: typed('q') }),
    h('label', { for: 'filter-tag' }, 'Tag'),
    h('input', { id: 'filter-tag', name: 'tag', type: 'search', value: view.filter.tag, maxlength: 200,
      placeholder: 'key or key:value', oninput: typed('tag') }));
  show(summary, filters, h('div', { id: 'down-block' }),
    h('div', { id: 'monitor-table' }, h('p', { class: 'loading' }, 'Loading monitors…')));
  // What was shown when the list was left comes back at once; it is read again meanwhile.
  if (view.page) renderPage();
  renderDown();
  reloadList();
}

/** A monitor read after a live status change: its row if it is on the page, and the DOWN block read again. */
export function monitorChanged(monitor) {
  if (view.page?.includes(monitor.id)) renderPage(); // app.js has put it in monitors.js
  downAfterChange();
  summaryAfterChange();
}

/** Reads what is shown again (ages and uptimes drift; a stream that was down missed changes): the same page. */
export function reloadList() {
  loadPage();
  loadDown();
  loadSummary();
}

/** A changed filter starts again at the first page; typing is read when it pauses, not at every key. */
async function setFilter(field, value, typing = false) {
  view.filter[field] = value.trim();
  view.cursors = [0];
  const mine = ++latest.filters;
  if (typing) await new Promise((resolve) => setTimeout(resolve, 150));
  if (mine !== latest.filters) return;
  reloadList();
}

/** The filters as query parameters, the status only when asked for (the DOWN block sets its own). */
function query(extra) {
  const params = new URLSearchParams(extra);
  if (view.filter.q) params.set('q', view.filter.q);
  if (view.filter.tag) params.set('tag', view.filter.tag);
  return params;
}

async function loadPage() {
  const mine = ++latest.page;
  const params = query({ limit: PAGE_SIZE + 1, after_id: view.cursors.at(-1) }); // one more: is there a next page?
  if (view.filter.status) params.set('status', view.filter.status);
  try {
    const rows = await get(`/monitors?${params}`);
    if (mine !== latest.page) return;
    if (!rows.length && view.cursors.length > 1) { // the page emptied (monitors deleted): the one before it
      view.cursors.pop();
      loadPage();
      return;
    }
    const page = rows.slice(0, PAGE_SIZE);
    page.forEach(monitors.put);
    view.page = page.map((m) => m.id);
    view.next = rows.length > PAGE_SIZE ? view.page.at(-1) : null;
    renderPage();
  } catch (e) {
    if (mine !== latest.page) return;
    // A filter the API refuses (a malformed tag, a search too long): its words, naming the field and the rule.
    const rules = e instanceof ApiError ? (e.problem.errors || []).map((v) => `${v.field} ${v.message}`) : [];
    document.getElementById('monitor-table')?.replaceChildren(h('p', { role: 'alert', class: 'error' },
      problemText(e), rules.length ? ` (${rules.join('; ')})` : ''));
  }
}

async function loadDown() {
  const mine = ++latest.down;
  if (view.filter.status) { // the page shows the status asked for; nothing is pinned above it
    view.down = [];
    renderDown();
    return;
  }
  try {
    const down = await get(`/monitors?${query({ status: 'DOWN', limit: DOWN_SHOWN + 1 })}`);
    if (mine !== latest.down) return;
    down.forEach(monitors.put);
    view.down = down.map((m) => m.id);
    renderDown();
  } catch (e) {
    // The page below says what went wrong with the filters; the block is only a shortcut to the down ones.
  }
}

async function loadSummary() {
  try {
    view.fleet = await get('/stats?window=24h');
  } catch (e) {
    return; // the table still works without the figures
  }
  const target = document.getElementById('summary-figures');
  if (!target) return;
  const figure = (label, value, cls) => h('div', { class: `figure ${cls || ''}` }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  target.replaceChildren(
    figure('Down', view.fleet.by_status.DOWN ?? 0, 'down'),
    figure('Up', view.fleet.by_status.UP ?? 0, 'up'),
    figure('Unknown', view.fleet.by_status.UNKNOWN ?? 0, 'unknown'),
    figure('Fleet uptime 24 h', percent(view.fleet.uptime_percent)));
  const caption = document.querySelector('#monitor-table caption');
  if (caption) caption.textContent = captionText();
}

/**
 * What the page's caption says: the exact count when the whole answer is on screen, else the count /stats gives
 * (enabled monitors by status; none for a search or a tag, which /stats does not count).
 */
function captionText() {
  const page = view.cursors.length;
  const count = shown(view.page).length;
  if (page === 1 && view.next === null) return `${count} monitor${count === 1 ? '' : 's'}`;
  const by = view.fleet?.by_status;
  if (!by || view.filter.q || view.filter.tag) return `Monitors, page ${page}`;
  const total = view.filter.status ? by[view.filter.status] ?? 0 : (by.DOWN ?? 0) + (by.UP ?? 0) + (by.UNKNOWN ?? 0);
  return `${total} enabled monitor${total === 1 ? '' : 's'}${view.filter.status ? ` ${view.filter.status.toLowerCase()}` : ''}, page ${page}`;
}

function monitorTable(caption, rows, cls) {
  const now = Date.now();
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { class: `monitors ${cls}` },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...['Status', 'Name', 'Target', 'Last check', 'Latency', 'Uptime 24 h', 'Uptime 30 d', 'Last checks']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows.map((m) => h('tr', { 'data-monitor-id': m.id },
        h('td', { class: 'status-cell' }, statusBadge(displayStatus(m)), degradedBadge(m)),
        h('th', { scope: 'row' }, h('a', { href: `#/monitors/${m.id}` }, m.name)),
        h('td', { class: 'url' }, typeTag(m), ' ', targetText(m)),
        h('td', {}, time(m.last_checked_at, age(m.last_checked_at, now))),
        h('td', {}, ms(m.last_latency_ms)),
        h('td', {}, percent(m.uptime_24h)),
        h('td', {}, percent(m.uptime_30d)),
        h('td', { class: 'beats', 'data-beats-for': m.id }, '…'))))));
}

function renderPage() {
  const container = document.getElementById('monitor-table');
  if (!container || !view.page) return;
  const rows = shown(view.page);
  const page = view.cursors.length;
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', id: 'previous-page', disabled: page === 1, onclick: () => previousPage() }, 'Previous'),
    h('span', {}, `Page ${page}`),
    h('button', { type: 'button', id: 'next-page', disabled: view.next === null, onclick: () => nextPage() }, 'Next'));
  container.replaceChildren(monitorTable(captionText(), rows, 'page'), pager);
  rowsShown(rows, container, 'page');
}

/** A page turn under way: a second click before its page has arrived would count from the wrong page. */
let turning = false;

function turnPage(move) {
  if (turning) return;
  turning = true;
  move();
  loadPage().finally(() => {
    turning = false;
  });
}

const nextPage = () => view.next !== null && turnPage(() => view.cursors.push(view.next));
const previousPage = () => view.cursors.length > 1 && turnPage(() => view.cursors.pop());

function renderDown() {
  const container = document.getElementById('down-block');
  if (!container) return;
  const down = view.filter.status || !view.down ? [] : shown(view.down.slice(0, DOWN_SHOWN));
  if (!down.length) {
    container.replaceChildren();
    return;
  }
  const more = view.down.length > DOWN_SHOWN;
  const showAll = h('p', {}, h('button', { type: 'button', id: 'show-all-down', onclick: () => {
    document.getElementById('filter-status').value = 'DOWN';
    setFilter('status', 'DOWN');
  } }, 'Show all down monitors'));
  container.replaceChildren(monitorTable(more ? `Down now: the first ${DOWN_SHOWN}` : 'Down now', down, 'down-first'),
    ...(more ? [showAll] : []));
  rowsShown(down, container, 'down');
}

function rowsShown(rows, container, block) {
  // A mark for the first-paint benchmark and LargeFleetBrowserTest; cheap, and visible in the browser's tools.
  if (rows.length && !performance.getEntriesByName('first-rows').length) performance.mark('first-rows');
  loadHeartbeats(rows, container, block);
}

async function loadHeartbeats(rows, container, block) {
  if (!rows.length) return;
  const mine = ++beatsRequest[block];
  try {
    const beats = await get(`/monitors/heartbeats?ids=${rows.map((m) => m.id).join(',')}&limit=50`);
    if (mine !== beatsRequest[block]) return;
    for (const m of rows) {
      if (!beats[m.id]) continue;
      container.querySelector(`[data-beats-for="${m.id}"]`)?.replaceChildren(heartbeatBar(beats[m.id], 50, (r) => resultText(m, r)));
    }
  } catch (e) {
    // Heartbeats are decoration: the row still says what matters.
  }
}
