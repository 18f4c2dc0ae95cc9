// API keys (#/api-keys, admin scope): the managed keys, a form for a new one with its scope, the new key shown once
// with a copy button, and revoking.
import { getAll, problemText, request } from '../api.js';
import { field, submitForm, valuesOf } from '../form.js';
import { age, h } from '../html.js';
import { announce, show } from '../page.js';
import { canAdmin, currentCaller } from '../session.js';
import { confirmDialog, copyButton, refusal, table, time } from '../widgets.js';

const SCOPES = {
  read: 'read: looks, changes nothing (a wall display, a CI check)',
  write: 'write: also changes monitors, channels, windows and status pages',
  admin: 'admin: also manages API keys and settings',
};
const FIELDS = [
  { name: 'name', label: 'What the key is for', type: 'text', required: true },
  { name: 'scope', label: 'Scope', type: 'select', options: Object.keys(SCOPES), value: 'read' },
];

/** The keys; created: the answer of a POST, whose key is shown now and never again (only its hash is kept). */
export async function apiKeysView(created = null) {
  if (!canAdmin()) {
    show(h('h1', {}, 'API keys'), refusal(currentCaller()?.scope, 'admin', 'managing API keys'));
    return;
  }
  const list = h('div', { id: 'api-key-list' }, h('p', { class: 'loading' }, 'Loading…'));
  const form = h('form', { class: 'card', id: 'api-key-form', novalidate: true, onsubmit: submitForm(
    'POST', '/api-keys', () => valuesOf(FIELDS, form), (data) => {
      announce(`Key ${data.name} created: copy it now, it is shown only once`);
      apiKeysView(data);
    }) },
  h('h2', {}, 'New key'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  ...FIELDS.map((spec) => field(spec)),
  h('ul', { class: 'hint' }, ...Object.values(SCOPES).map((text) => h('li', {}, text))),
  h('button', { type: 'submit', id: 'create-api-key' }, 'Create key'));
  show(h('h1', {}, 'API keys'), created ? newKey(created) : null, list, form);
  if (created) document.getElementById('copy-key').focus();
  try {
    const keys = await getAll('/api-keys?limit=1000');
    const me = currentCaller()?.id;
    list.replaceChildren(keys.length
      ? table('api-keys', `${keys.length} managed key${keys.length === 1 ? '' : 's'} (keys from API_KEYS are not listed)`,
        ['Name', 'Scope', 'Starts with', 'Created', 'Last used', 'Actions'],
        keys.map((k) => h('tr', { 'data-key-id': k.id },
          h('th', { scope: 'row' }, k.name, k.id === me ? ' (this tab’s key)' : ''),
          h('td', {}, k.scope),
          h('td', {}, h('code', {}, `${k.prefix}…`)),
          h('td', {}, time(k.created_at)),
          h('td', {}, k.last_used_at ? [time(k.last_used_at), ` (${age(k.last_used_at)})`] : 'never'),
          h('td', {}, h('button', { type: 'button', class: 'danger', 'data-revoke-key': k.id, 'aria-label': `Revoke ${k.name}`, onclick: () => revoke(k, k.id === me) }, 'Revoke'),
            h('p', { class: 'error', role: 'alert', id: `key-error-${k.id}` })))))
      : h('p', {}, 'No managed keys yet.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

function newKey(created) {
  return h('section', { class: 'card secret', id: 'new-key', 'aria-labelledby': 'new-key-title' },
    h('h2', { id: 'new-key-title' }, `Key “${created.name}” (${created.scope})`),
    h('p', {}, 'Copy it now: it is shown only this once. Send it as the X-API-Key header (or Authorization: Bearer).'),
    h('p', {}, h('code', { id: 'new-key-secret' }, created.key), ' ', copyButton('copy-key', created.key, 'new-key-secret', 'Key')));
}

async function revoke(key, mine) {
  const warning = mine ? ' This tab uses it: the dashboard stops working until another key is entered.' : '';
  if (!await confirmDialog(`Revoke “${key.name}”?`, `Every request with it is refused from now on.${warning}`, 'Revoke')) return;
  try {
    await request('DELETE', `/api-keys/${key.id}`);
    announce(`Key ${key.name} revoked`);
    apiKeysView();
  } catch (e) {
    document.getElementById(`key-error-${key.id}`).textContent = problemText(e);
  }
}
