// The daily summary (#/settings/daily-summary): when it goes and to which channels. A setting: only an admin key
// changes it, the others see it.
import { get, getAll, problemText } from '../api.js';
import { submitForm } from '../form.js';
import { h } from '../html.js';
import { announce, show } from '../page.js';
import { canAdmin, currentCaller } from '../session.js';
import { formHead, refusal } from '../widgets.js';

export async function dailySummaryView() {
  let settings;
  let channels;
  try {
    [settings, channels] = await Promise.all([get('/settings/daily-summary'), getAll('/channels?limit=1000')]);
  } catch (e) {
    show(h('h1', {}, 'Daily summary'), h('p', { role: 'alert', class: 'error' }, problemText(e)));
    return;
  }
  const intro = h('p', {}, 'Once a day, at a local time, a summary of the last 24 hours goes to the chosen channels: '
    + 'checks, incidents and the monitors that were down.');
  if (!canAdmin()) {
    const names = new Map(channels.map((c) => [c.id, c.name]));
    show(h('h1', {}, 'Daily summary'), intro,
      h('dl', { class: 'facts', id: 'summary-settings' },
        h('dt', {}, 'Sent'), h('dd', {}, settings.enabled ? 'yes' : 'no (off)'),
        h('dt', {}, 'At'), h('dd', {}, `${settings.time} (${settings.time_zone})`),
        h('dt', {}, 'To'), h('dd', {}, settings.channel_ids.map((id) => names.get(id) ?? `#${id}`).join(', ') || 'no channel')),
      refusal(currentCaller()?.scope, 'admin', 'changing it'));
    return;
  }
  const enabled = h('input', { type: 'checkbox', id: 'field-enabled', name: 'enabled', checked: settings.enabled });
  const form = h('form', { class: 'card', id: 'summary-form', novalidate: true, onsubmit: submitForm('PUT', '/settings/daily-summary',
    () => ({ enabled: enabled.checked, time: form.elements.time.value.trim() || null,
      time_zone: form.elements.time_zone.value.trim() || null,
      channel_ids: [...form.querySelectorAll('[name=channel_ids]:checked')].map((c) => Number(c.value)) }), () => {
      announce('Daily summary saved');
      document.getElementById('summary-saved').textContent = 'Saved.';
    }) },
  ...formHead('Daily summary'),
  intro,
  h('div', { class: 'field checkbox' }, enabled, h('label', { for: 'field-enabled' }, 'Send the daily summary')),
  h('div', { class: 'field' }, h('label', { for: 'field-time' }, 'Time of day'),
    h('input', { type: 'time', id: 'field-time', name: 'time', value: settings.time, 'aria-describedby': 'error-time' }),
    h('p', { id: 'error-time', class: 'field-error' })),
  h('div', { class: 'field' }, h('label', { for: 'field-time_zone' }, 'Time zone (IANA, e.g. Europe/Berlin)'),
    h('input', { type: 'text', id: 'field-time_zone', name: 'time_zone', value: settings.time_zone, 'aria-describedby': 'error-time_zone' }),
    h('p', { id: 'error-time_zone', class: 'field-error' })),
  h('fieldset', { class: 'channels', 'aria-describedby': 'error-channel_ids' }, h('legend', {}, 'Channels'),
    channels.length ? channels.map((c) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'channel_ids', value: c.id, checked: settings.channel_ids.includes(c.id) }),
      ` ${c.name} (${c.type})`))
      : h('p', {}, 'No channels yet: ', h('a', { href: '#/channels/new' }, 'create one'), ' first.'),
    h('p', { id: 'error-channel_ids', class: 'field-error' })),
  h('button', { type: 'submit', id: 'save-summary' }, 'Save'),
  h('p', { id: 'summary-saved', class: 'form-status', role: 'status' }));
  show(form);
}
