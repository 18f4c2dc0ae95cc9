// The public status page. The server renders it (title, statuses, uptimes, recent changes), so it reads without
// JavaScript; this script adds the 90-day bars with each day's details, shows times in the reader's zone, and takes
// the server's newer rendering every minute without a reload.
import { dayBar } from './charts.js';
import { h, localTimes } from './html.js';

const main = document.getElementById('main');
const slug = decodeURIComponent(location.pathname.split('/')[2] || '');
let shown = document.getElementById('page-body')?.innerHTML;

/** Draws each monitor's 90 daily cells from the page's JSON (the same data the server rendered from). */
async function addBars() {
  const response = await fetch(`/status/${encodeURIComponent(slug)}/summary.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const page = await response.json();
  const days = new Map(page.groups.flatMap((g) => g.monitors).map((m) => [m.id, m.days]));
  for (const service of main.querySelectorAll('.service[data-monitor-id]')) {
    const monitorDays = days.get(Number(service.dataset.monitorId));
    if (!monitorDays) continue;
    service.querySelector('.day-bar').replaceChildren(dayBar(monitorDays),
      h('div', { class: 'bar-legend', 'aria-hidden': 'true' }, h('span', {}, '90 days ago'), h('span', {}, 'Today')));
  }
}

/** The page as the server renders it now; only what changed is swapped in, so a screen reader is not re-read it. */
async function refresh() {
  const response = await fetch(location.pathname, { headers: { Accept: 'text/html' } });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const body = fresh.getElementById('page-body');
  const generated = fresh.querySelector('.generated');
  if (!body || !generated) return;
  main.querySelector('.generated').replaceWith(document.adoptNode(generated));
  if (body.innerHTML !== shown) {
    shown = body.innerHTML;
    document.title = fresh.title;
    document.getElementById('page-body').replaceWith(document.adoptNode(body));
    await addBars();
  }
  localTimes(main);
}

localTimes(main);
addBars().catch(() => {});
setInterval(() => refresh().catch(() => {}), 60000);
