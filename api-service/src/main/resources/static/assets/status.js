import { dayBar, formatTime } from './charts.js';
import { h, percent, statusBadge } from './html.js';

const main = document.getElementById('main');
const BANNERS = {
  OPERATIONAL: ['All systems operational', 'up'],
  PARTIAL_OUTAGE: ['Partial outage', 'partial'],
  MAJOR_OUTAGE: ['Major outage', 'down'],
};

async function load() {
  const slug = decodeURIComponent(location.pathname.split('/')[2] || '');
  const response = await fetch(`/status/${encodeURIComponent(slug)}/summary.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    main.replaceChildren(h('h1', {}, 'Status page not found'));
    return;
  }
  const page = await response.json();
  document.title = `${page.title} status`;
  const [text, cls] = BANNERS[page.overall];
  main.replaceChildren(
    h('h1', {}, page.title),
    page.description ? h('p', { class: 'description' }, page.description) : null,
    h('p', { class: `banner banner-${cls}`, id: 'overall', role: 'status' }, text),
    ...page.groups.map((group) => h('section', { class: 'group', 'aria-label': group.name || 'Services' },
      group.name ? h('h2', {}, group.name) : null,
      h('ul', { class: 'services' }, ...group.monitors.map((m) => h('li', { class: 'service', 'data-monitor-id': m.id },
        h('div', { class: 'service-head' },
          h('h3', {}, m.name),
          statusBadge(m.status),
          h('span', { class: 'uptime' }, `${percent(m.uptime_90d)} uptime (90 days)`)),
        dayBar(m.days),
        h('div', { class: 'bar-legend', 'aria-hidden': 'true' }, h('span', {}, '90 days ago'), h('span', {}, 'Today'))))))),
    h('section', { 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title' }, 'Status changes in the last 7 days'),
      page.recent_changes.length
        ? h('ul', { class: 'changes' }, ...page.recent_changes.map((c) => h('li', {},
          h('time', { datetime: c.changed_at }, formatTime(c.changed_at)), ' · ', c.monitor_name, ': ',
          statusBadge(c.old_status), ' → ', statusBadge(c.new_status))))
        : h('p', {}, 'No status changes.')),
    h('p', { class: 'generated' }, `Updated ${formatTime(page.generated_at)}`));
}

load().catch(() => main.replaceChildren(h('p', { role: 'alert' }, 'The status could not be loaded. Try again shortly.')));
setInterval(() => load().catch(() => {}), 60000);
