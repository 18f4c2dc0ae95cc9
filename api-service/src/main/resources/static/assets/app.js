// The dashboard's entry module: asks for a key if needed, opens the live event stream and shows the view of the
// location. Each view is a module in views/; state shared between them has one owner each (session.js: who is
// signed in; monitors.js: the monitors read, by id).
import { get, problemText } from './api.js';
import { startLive, stopLive } from './events.js';
import { h } from './html.js';
import { monitors } from './monitors.js';
import { announce, show } from './page.js';
import { route } from './router.js';
import { isListView, monitorChanged, reloadList } from './views/monitor-list.js';
import { monitorView, shownMonitorId } from './views/monitor-page.js';
import { ensureAccess } from './views/sign-in.js';

const live = {
  /** The page re-reads the one monitor that changed, and shows it where it is on screen. */
  async onStatusChange(change) {
    let monitor;
    try {
      monitor = await get(`/monitors/${change.monitor_id}`);
    } catch (e) {
      return;
    }
    monitors.put(monitor);
    announce(`${monitor.name} is ${monitor.status.toLowerCase()}`);
    if (isListView()) monitorChanged(monitor);
    else if (shownMonitorId() === change.monitor_id) monitorView(change.monitor_id);
  },
  /**
   * Changes made while the stream was down (or refused, as beyond the streams a key may hold) were not replayed:
   * whatever shows live state is read again, the list's page and a monitor's page alike.
   */
  onReconnected() {
    if (isListView()) reloadList();
    else if (shownMonitorId() !== null) monitorView(shownMonitorId());
  },
};

function open() {
  // Idempotent; here because a key may have been entered since the page loaded.
  startLive(live);
  route();
}

const access = {
  onSignedIn: open,
  onSignOut: () => {
    stopLive();
    monitors.clear();
    start();
  },
};

async function start() {
  try {
    if (await ensureAccess(access)) open();
  } catch (e) {
    show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
  }
}

window.addEventListener('hashchange', open);
start();
// Ages and uptimes drift; refresh the list now and then even without status changes.
setInterval(() => {
  if (isListView() && document.visibilityState === 'visible') reloadList();
}, 60000);
