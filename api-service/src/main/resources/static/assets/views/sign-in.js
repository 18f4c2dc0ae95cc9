// The key prompt, and the header line that says which key (and so which scope) the page uses.
import { apiKey } from '../api.js';
import { h } from '../html.js';
import { show } from '../page.js';
import { currentCaller, forget, identify, may } from '../session.js';

/**
 * Shows who is signed in, or the key prompt when the API wants a key; true when signed in. hooks.onSignedIn runs
 * once a key from the prompt is accepted, hooks.onSignOut after "Use another key".
 */
export async function ensureAccess(hooks) {
  const { caller, refused } = await identify();
  showCaller(hooks);
  if (!caller) showKeyForm(refused ? 'That key was not accepted.' : null, hooks);
  return caller !== null;
}

function showCaller(hooks) {
  const caller = currentCaller();
  const target = document.getElementById('signed-in');
  // Links to what the key may not do are hidden: data-needs names the scope a link's page needs.
  document.querySelectorAll('[data-needs]').forEach((item) => { item.hidden = !may(item.dataset.needs); });
  document.body.dataset.scope = caller ? caller.scope : '';
  if (!caller) {
    target.replaceChildren();
    return;
  }
  const who = caller.anonymous ? 'No key (open access)' : `Key “${caller.name}”`;
  target.replaceChildren(`${who} · scope: `, h('strong', { id: 'scope' }, caller.scope),
    caller.anonymous ? null : h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: () => {
      forget();
      hooks.onSignOut();
    } }, 'Use another key'));
}

function showKeyForm(message, hooks) {
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'api-key-help' });
  const error = h('p', { id: 'api-key-error', class: 'field-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    if (await ensureAccess(hooks)) {
      hooks.onSignedIn();
    } else {
      document.getElementById('api-key-error').textContent = 'That key was not accepted.';
    }
  } },
  h('h1', {}, 'API key required'),
  h('p', { id: 'api-key-help' }, 'This Health Monitor needs an API key. It is kept in this browser tab only.'),
  h('label', { for: 'api-key' }, 'API key'), input, error,
  h('button', { type: 'submit' }, 'Continue'));
  show(form);
  input.focus();
}
