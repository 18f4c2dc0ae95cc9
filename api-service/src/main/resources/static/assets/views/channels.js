// Notification channels (#/channels): the list with each channel's last delivery, "Send test", delete; and the form
// (#/channels/new, #/channels/{id}/edit), which shows the chosen type's fields only and keeps masked secrets.
import { get, getAll, problemText, request } from '../api.js';
import { field, showChosenType, submitForm, valuesOf } from '../form.js';
import { h } from '../html.js';
import { announce, show } from '../page.js';
import { canWrite, currentCaller } from '../session.js';
import { confirmDialog, formHead, refusal, table, time } from '../widgets.js';

const TYPES = ['slack', 'google_chat', 'teams', 'discord', 'webhook', 'email'];
const WITH_URL = TYPES.filter((t) => t !== 'email');

const FIELDS = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'type', label: 'Type', type: 'select', options: TYPES, value: 'slack' },
  { name: 'url', label: 'Webhook URL (https)', type: 'url', required: true, types: WITH_URL },
  { name: 'secret', label: 'Signing secret (optional; each POST then carries X-Signature)', type: 'text', types: ['webhook'] },
  { name: 'recipients', label: 'Recipients (comma-separated addresses)', type: 'list', required: true, types: ['email'] },
];

/** The outcome of the last "Send test" per channel id, kept while the tab is open so that a re-render keeps it. */
const testResults = new Map();

export async function channelsView() {
  const list = h('div', { id: 'channel-list' }, h('p', { class: 'loading' }, 'Loading…'));
  show(h('h1', {}, 'Notification channels'),
    h('p', {}, 'Where alerts, reminders and the daily summary go. Monitors pick their channels in their form or the API.'),
    canWrite() ? h('p', {}, h('a', { class: 'button', href: '#/channels/new', id: 'new-channel' }, 'New channel')) : null,
    list);
  try {
    const channels = await getAll('/channels?limit=1000');
    list.replaceChildren(channels.length
      ? table('channels', `${channels.length} channel${channels.length === 1 ? '' : 's'}`,
        ['Name', 'Type', 'Destination', 'Last delivery', ...(canWrite() ? ['Actions'] : [])],
        channels.map(row))
      : h('p', {}, 'No channels yet.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

function row(c) {
  return h('tr', { 'data-channel-id': c.id },
    h('th', { scope: 'row' }, c.name),
    h('td', {}, h('span', { class: 'type' }, c.type)),
    h('td', { class: 'url' }, c.type === 'email' ? c.recipients.join(', ') : c.url, c.secret ? ' (signed)' : ''),
    h('td', { class: 'last-delivery' }, lastDelivery(c.last_delivery)),
    canWrite() ? h('td', { class: 'row-actions' },
      h('button', { type: 'button', 'data-test-channel': c.id, 'aria-label': `Send a test to ${c.name}`, onclick: (e) => sendTest(c, e.target) }, 'Send test'), ' ',
      h('a', { class: 'button', href: `#/channels/${c.id}/edit`, 'aria-label': `Edit ${c.name}` }, 'Edit'), ' ',
      h('button', { type: 'button', class: 'danger', 'data-delete-channel': c.id, 'aria-label': `Delete ${c.name}`, onclick: () => remove(c) }, 'Delete'),
      h('p', { class: 'test-result', id: `test-result-${c.id}`, role: 'status' }, testResults.get(c.id) || '')) : null);
}

const OUTCOMES = { SENT: 'up', FAILED: 'down', CANCELLED: 'down', PENDING: 'unknown' };

function lastDelivery(d) {
  if (!d) return 'never used';
  const code = d.status_code ? ` · HTTP ${d.status_code}` : '';
  return [h('span', { class: `status status-${OUTCOMES[d.status] || 'unknown'}` }, d.status.toLowerCase()), ' ',
    `${d.kind.toLowerCase().replace('_', ' ')}${code}${d.error ? ` · ${d.error}` : ''} · `, time(d.sent_at || d.created_at)];
}

/** "Sent (HTTP 200)", "Failed: <why>", or pending: the API waits for the worker a while, then answers 202. */
function testText(result) {
  if (result.status === 'SENT') return `Test sent${result.status_code ? ` (HTTP ${result.status_code})` : ''}`;
  if (result.status === 'PENDING') return 'Test queued: no worker sent it yet; it is retried like an alert';
  return `Test failed${result.status_code ? ` (HTTP ${result.status_code})` : ''}: ${result.error || 'no reason given'}`;
}

async function sendTest(channel, button) {
  const target = () => document.getElementById(`test-result-${channel.id}`);
  button.disabled = true;
  target().textContent = 'Sending a test message…';
  try {
    const { data } = await request('POST', `/channels/${channel.id}/test`);
    testResults.set(channel.id, testText(data));
  } catch (e) {
    testResults.set(channel.id, problemText(e));
  }
  announce(testResults.get(channel.id));
  // The list shows the new last delivery; the result line stays.
  if (location.hash === '#/channels') channelsView();
}

async function remove(channel) {
  if (!await confirmDialog(`Delete “${channel.name}”?`,
    'Monitors and the daily summary stop sending to it; alerts still queued for it are cancelled.', 'Delete')) return;
  try {
    await request('DELETE', `/channels/${channel.id}`);
    announce(`Deleted ${channel.name}`);
    channelsView();
  } catch (e) {
    document.getElementById(`test-result-${channel.id}`).textContent = problemText(e);
  }
}

export async function channelFormView(id) {
  if (!canWrite()) {
    show(h('h1', {}, id ? 'Edit channel' : 'New channel'),
      refusal(currentCaller()?.scope, 'write', 'changing channels'), h('p', {}, h('a', { href: '#/channels' }, 'Back to the channels')));
    return;
  }
  let channel = null;
  if (id) {
    try {
      channel = await get(`/channels/${id}`);
    } catch (e) {
      show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
      return;
    }
  }
  const form = h('form', { class: 'card', id: 'channel-form', novalidate: true, onsubmit: submitForm(
    channel ? 'PUT' : 'POST', channel ? `/channels/${channel.id}` : '/channels',
    () => valuesOf(FIELDS, form, form.elements.type.value), (data) => {
      announce(channel ? `Channel ${data.name} saved` : `Channel ${data.name} created`);
      location.hash = '#/channels';
    }) },
  ...formHead(channel ? `Edit ${channel.name}` : 'New channel'),
  // The API shows secrets masked; sent back unchanged, a mask keeps the stored value.
  channel ? h('p', { class: 'hint' }, 'The URL and secret are shown masked. Leave them as they are to keep them.') : null,
  ...FIELDS.map((spec) => field(spec, channel ? channel[spec.name] : undefined)),
  h('button', { type: 'submit', id: 'save-channel' }, channel ? 'Save' : 'Create channel'), ' ',
  h('a', { href: '#/channels' }, 'Cancel'));
  showChosenType(form);
  show(form);
  form.elements.name.focus();
}
