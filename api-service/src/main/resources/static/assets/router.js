// The dashboard's routes: the location hash picks the view.
import { h } from './html.js';
import { focusMain, show } from './page.js';
import { formView } from './views/monitor-form.js';
import { listView } from './views/monitor-list.js';
import { monitorView } from './views/monitor-page.js';
import { apiKeysView } from './views/api-keys.js';
import { channelFormView, channelsView } from './views/channels.js';
import { dailySummaryView } from './views/daily-summary.js';
import { maintenanceFormView, maintenanceView } from './views/maintenance.js';
import { statusPageEditorView, statusPagesView } from './views/status-pages.js';

const ROUTES = [
  [/^#\/$/, () => listView()],
  [/^#\/monitors\/new$/, () => formView(null)],
  [/^#\/monitors\/(\d+)\/edit$/, (id) => formView(Number(id))],
  [/^#\/monitors\/(\d+)$/, (id) => monitorView(Number(id))],
  [/^#\/status-pages\/(new|\d+)$/, (id) => statusPageEditorView(id === 'new' ? null : Number(id))],
  [/^#\/status-pages$/, () => statusPagesView()],
  [/^#\/channels$/, () => channelsView()],
  [/^#\/channels\/new$/, () => channelFormView(null)],
  [/^#\/channels\/(\d+)\/edit$/, (id) => channelFormView(Number(id))],
  [/^#\/maintenance$/, () => maintenanceView()],
  [/^#\/maintenance\/new$/, () => maintenanceFormView(null)],
  [/^#\/maintenance\/(\d+)\/edit$/, (id) => maintenanceFormView(Number(id))],
  [/^#\/settings\/daily-summary$/, () => dailySummaryView()],
  [/^#\/api-keys$/, () => apiKeysView()],
];

/** Shows the view of the current location. */
export function route() {
  const hash = location.hash || '#/';
  document.title = 'Health Monitor';
  const found = ROUTES.map(([pattern, view]) => [hash.match(pattern), view]).find(([match]) => match);
  if (found) found[1](...found[0].slice(1));
  else show(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the monitors')));
  focusMain();
}
