// Maintenance windows (#/maintenance): one-off and recurring, whether each is open now and which monitors it covers;
// and the form (#/maintenance/new, #/maintenance/{id}/edit) with a monitor picker that searches by name.
import { get, getAll, problemText, request } from '../api.js';
import { submitForm } from '../form.js';
import { h } from '../html.js';
import { monitors } from '../monitors.js';
import { announce, show } from '../page.js';
import { canWrite, currentCaller } from '../session.js';
import { confirmDialog, formHead, refusal, table, time } from '../widgets.js';

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export async function maintenanceView() {
  const list = h('div', { id: 'window-list' }, h('p', { class: 'loading' }, 'Loading…'));
  show(h('h1', {}, 'Maintenance windows'),
    h('p', {}, 'While a window is open its monitors are still checked, but show MAINTENANCE, send no alerts and the time is left out of their uptime.'),
    canWrite() ? h('p', {}, h('a', { class: 'button', href: '#/maintenance/new', id: 'new-window' }, 'New maintenance window')) : null,
    list);
  try {
    const windows = await getAll('/maintenance-windows?limit=1000');
    const names = await monitors.names(windows.flatMap((w) => w.monitor_ids));
    list.replaceChildren(windows.length
      ? table('windows', `${windows.length} window${windows.length === 1 ? '' : 's'}`,
        ['Reason', 'When', 'Monitors', 'Now', ...(canWrite() ? ['Actions'] : [])],
        windows.map((w) => h('tr', { 'data-window-id': w.id },
          h('th', { scope: 'row' }, w.reason || '(no reason given)'),
          h('td', {}, schedule(w)),
          h('td', { class: 'window-monitors' }, w.all_monitors ? 'All monitors'
            : w.monitor_ids.flatMap((id, i) => [i ? ', ' : null, h('a', { href: `#/monitors/${id}` }, names.get(id) ?? `#${id}`)])),
          h('td', {}, w.active ? h('span', { class: 'status status-maintenance', 'data-active': 'true' }, 'Active now') : 'not active'),
          canWrite() ? h('td', { class: 'row-actions' },
            h('a', { class: 'button', href: `#/maintenance/${w.id}/edit`, 'aria-label': `Edit ${w.reason || `window ${w.id}`}` }, 'Edit'), ' ',
            h('button', { type: 'button', class: 'danger', 'data-delete-window': w.id, 'aria-label': `Delete ${w.reason || `window ${w.id}`}`,
              onclick: () => remove(w) }, 'Delete'),
            h('p', { class: 'error', role: 'alert', id: `window-error-${w.id}` })) : null)))
      : h('p', {}, 'No maintenance windows.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

/** When a window is open, in words: its span, or its recurrence in its zone and how long each lasts. */
function schedule(w) {
  if (w.starts_at) return [time(w.starts_at), ' – ', time(w.ends_at)];
  const each = `, ${w.duration_minutes} min each (${w.time_zone})`;
  if (w.cron) return [h('code', {}, w.cron), each];
  return `Every ${w.weekdays.join(', ')} at ${w.time}${each}`;
}

async function remove(w) {
  if (!await confirmDialog(`Delete the window “${w.reason || `#${w.id}`}”?`,
    'Its monitors alert again at once if it is open now.', 'Delete')) return;
  try {
    await request('DELETE', `/maintenance-windows/${w.id}`);
    announce('Maintenance window deleted');
    maintenanceView();
  } catch (e) {
    document.getElementById(`window-error-${w.id}`).textContent = problemText(e);
  }
}

/** A labelled control with the error line form.js fills in; kinds: the schedule kinds it belongs to. */
function labelled(name, label, control, kinds) {
  control.id = control.id || `field-${name}`;
  control.setAttribute('aria-describedby', `error-${name}`);
  return h('div', { class: 'field', 'data-kinds': kinds },
    h('label', { for: control.id }, label), control, h('p', { id: `error-${name}`, class: 'field-error' }));
}

/** An ISO instant as a datetime-local value in the browser's zone, and back. */
const toLocalInput = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const fromLocalInput = (value) => (value ? new Date(value).toISOString() : null);

export async function maintenanceFormView(id) {
  if (!canWrite()) {
    show(h('h1', {}, id ? 'Edit maintenance window' : 'New maintenance window'),
      refusal(currentCaller()?.scope, 'write', 'changing maintenance windows'),
      h('p', {}, h('a', { href: '#/maintenance' }, 'Back to the maintenance windows')));
    return;
  }
  let w = null;
  let names = new Map();
  if (id) {
    try {
      w = await get(`/maintenance-windows/${id}`);
      names = await monitors.names(w.monitor_ids);
    } catch (e) {
      show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
      return;
    }
  }
  const chosen = new Map((w?.monitor_ids || []).map((m) => [m, names.get(m) ?? `#${m}`]));
  const kind = h('select', { id: 'field-kind', name: 'kind' },
    ...[['once', 'Once'], ['weekly', 'Weekly'], ['cron', 'Cron expression']].map(([v, t]) => h('option', {
      value: v, selected: v === (w?.cron ? 'cron' : w?.weekdays ? 'weekly' : 'once') }, t)));
  const input = (name, attrs, value) => h('input', { name, ...attrs, value: value ?? '' });
  const weekdays = h('fieldset', { class: 'weekdays', 'data-kinds': 'weekly', 'aria-describedby': 'error-weekdays' },
    h('legend', {}, 'Days'),
    ...DAYS.map((d) => h('label', { class: 'day' },
      h('input', { type: 'checkbox', name: 'weekdays', value: d, checked: Boolean(w?.weekdays?.includes(d)) }), ` ${d}`)),
    h('p', { id: 'error-weekdays', class: 'field-error' }));
  const allMonitors = h('input', { type: 'checkbox', id: 'field-all_monitors', name: 'all_monitors', checked: Boolean(w?.all_monitors) });
  const chosenList = h('ul', { id: 'chosen-monitors', class: 'chosen' });
  const results = h('ul', { id: 'monitor-results', class: 'results', 'aria-label': 'Matching monitors' });
  const search = h('input', { type: 'search', id: 'field-monitor_ids', name: 'monitor_ids', placeholder: 'name or target', autocomplete: 'off' });
  const renderChosen = () => chosenList.replaceChildren(...[...chosen].map(([mid, name]) => h('li', { 'data-monitor-id': mid },
    name, ' ', h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${name}`, onclick: () => { chosen.delete(mid); renderChosen(); } }, 'Remove'))));
  let searches = 0;
  search.addEventListener('input', async () => {
    const mine = ++searches;
    const q = search.value.trim();
    if (!q) {
      results.replaceChildren();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 150)); // one request when typing pauses
    if (mine !== searches) return;
    try {
      const found = await get(`/monitors?q=${encodeURIComponent(q)}&limit=20`);
      if (mine !== searches) return;
      results.replaceChildren(...(found.length ? found.map((m) => h('li', {},
        h('button', { type: 'button', class: 'link add', 'data-add-monitor': m.id, onclick: () => {
          chosen.set(m.id, m.name);
          renderChosen();
          announce(`${m.name} added`);
        } }, `Add ${m.name}`))) : [h('li', {}, 'No monitor matches.')]));
    } catch (e) {
      results.replaceChildren(h('li', { class: 'error' }, problemText(e)));
    }
  });
  // Enter in the search box searches; it does not submit the window.
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
  renderChosen();

  const form = h('form', { class: 'card', id: 'window-form', novalidate: true, onsubmit: submitForm(
    w ? 'PUT' : 'POST', w ? `/maintenance-windows/${w.id}` : '/maintenance-windows', () => {
      const value = (name) => form.elements[name].value.trim() || null;
      const body = { reason: value('reason'), all_monitors: allMonitors.checked, monitor_ids: allMonitors.checked ? [] : [...chosen.keys()] };
      if (kind.value === 'once') {
        // The browser turns its local times into instants: no zone to send.
        Object.assign(body, { starts_at: fromLocalInput(value('starts_at')), ends_at: fromLocalInput(value('ends_at')) });
      } else {
        const minutes = value('duration_minutes');
        Object.assign(body, { time_zone: value('time_zone'), duration_minutes: minutes === null ? null : Number(minutes) });
        // An empty field still says which kind is meant, so that the API's error names it.
        if (kind.value === 'cron') body.cron = value('cron') ?? '';
        else Object.assign(body, { weekdays: [...form.querySelectorAll('[name=weekdays]:checked')].map((c) => c.value), time: value('time') });
      }
      return body;
    }, () => {
      announce(w ? 'Maintenance window saved' : 'Maintenance window created');
      location.hash = '#/maintenance';
    }) },
  ...formHead(w ? 'Edit maintenance window' : 'New maintenance window'),
  labelled('reason', 'Reason', input('reason', { type: 'text', maxlength: 500 }, w?.reason)),
  labelled('kind', 'Happens', kind),
  labelled('starts_at', 'Starts (your local time)', input('starts_at', { type: 'datetime-local' }, toLocalInput(w?.starts_at)), 'once'),
  labelled('ends_at', 'Ends (your local time)', input('ends_at', { type: 'datetime-local' }, toLocalInput(w?.ends_at)), 'once'),
  weekdays,
  labelled('time', 'Starts at (HH:mm, in the time zone below)', input('time', { type: 'time' }, w?.time), 'weekly'),
  labelled('cron', 'Cron expression of each start (five fields, e.g. 0 2 * * SUN)', input('cron', { type: 'text' }, w?.cron), 'cron'),
  labelled('duration_minutes', 'Each lasts (minutes)', input('duration_minutes', { type: 'number', min: 1, max: 10080 }, w?.duration_minutes ?? 60), 'weekly cron'),
  labelled('time_zone', 'Time zone (IANA, e.g. Europe/Berlin)', input('time_zone', { type: 'text' }, w?.time_zone ?? BROWSER_ZONE), 'weekly cron'),
  h('div', { class: 'field checkbox' }, allMonitors, h('label', { for: 'field-all_monitors' }, 'All monitors')),
  h('div', { class: 'picker', id: 'monitor-picker' },
    labelled('monitor_ids', 'Find monitors to cover', search), results,
    h('p', { id: 'chosen-title' }, 'Covered monitors:'), chosenList),
  h('button', { type: 'submit', id: 'save-window' }, w ? 'Save' : 'Create window'), ' ',
  h('a', { href: '#/maintenance' }, 'Cancel'));
  chosenList.setAttribute('aria-labelledby', 'chosen-title');
  const showKind = () => form.querySelectorAll('[data-kinds]').forEach((el) => {
    el.hidden = !el.dataset.kinds.split(' ').includes(kind.value);
  });
  kind.addEventListener('change', showKind);
  allMonitors.addEventListener('change', () => { form.querySelector('#monitor-picker').hidden = allMonitors.checked; });
  showKind();
  form.querySelector('#monitor-picker').hidden = allMonitors.checked;
  show(form);
  form.elements.reason.focus();
}
