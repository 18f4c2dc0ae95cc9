// The monitor form: new (#/monitors/new) and edit (#/monitors/{id}/edit); only the chosen type's fields show.
import { get, problemText, request } from '../api.js';
import { field, showErrors, valueOf } from '../form.js';
import { h } from '../html.js';
import { configOf, onlyFieldsOfType, POLLED_TYPES, setExpectedCode, TYPES } from '../monitor-fields.js';
import { monitors } from '../monitors.js';
import { announce, show } from '../page.js';
import { canWrite, currentCaller } from '../session.js';
import { remember } from './ping-url.js';

/** The form's fields; those with {@code types} show (and are sent) only for a monitor of one of those types. */
const FIELDS = [
  { name: 'name', label: 'Name', type: 'text', required: true },
  { name: 'type', label: 'Type', type: 'select', options: TYPES, value: 'http' },
  { name: 'url', label: 'URL', type: 'url', required: true, help: 'http or https', types: ['http'] },
  { name: 'host', label: 'Host', type: 'text', required: true, types: ['tcp'] },
  { name: 'port', label: 'Port', type: 'number', required: true, types: ['tcp'] },
  { name: 'tls', label: 'TLS handshake (certificate checked)', type: 'checkbox', types: ['tcp'] },
  { name: 'hostname', label: 'Host name to resolve', type: 'text', required: true, types: ['dns'] },
  { name: 'record_type', label: 'Record type', type: 'select', options: ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA'], value: 'A', types: ['dns'] },
  { name: 'resolver', label: 'Resolver, host or host:port (empty: the system’s)', type: 'text', types: ['dns'] },
  { name: 'expected_values', label: 'Expected values (comma-separated, all must be in the answer)', type: 'list', types: ['dns'] },
  { name: 'period', label: 'Period: seconds between the job’s runs', type: 'number', required: true, value: 86400, types: ['heartbeat'] },
  { name: 'grace', label: 'Grace: seconds a ping may be late', type: 'number', value: 3600, types: ['heartbeat'] },
  { name: 'check_interval', label: 'Check interval (seconds)', type: 'number', value: 60, types: POLLED_TYPES },
  { name: 'timeout', label: 'Timeout (seconds)', type: 'number', value: 5, types: POLLED_TYPES },
  { name: 'expected_status_code', label: 'Expected status code (empty: keep the monitor’s set of codes)', type: 'number', value: 200, types: ['http'] },
  { name: 'webhook_url', label: 'Slack webhook URL (optional)', type: 'url' },
];

export async function formView(id) {
  if (!canWrite()) {
    show(h('h1', {}, id ? 'Edit monitor' : 'New monitor'),
      h('p', { id: 'scope-refusal', role: 'alert' }, `This key has the ${currentCaller()?.scope} scope: it can look at monitors but not create or change them.`),
      h('p', {}, h('a', { href: '#/' }, 'Back to the monitors')));
    return;
  }
  let monitor = null;
  if (id) {
    try {
      monitor = await get(`/monitors/${id}`);
    } catch (e) {
      show(h('p', { role: 'alert', class: 'error' }, problemText(e)));
      return;
    }
  }
  const enabled = h('input', { id: 'field-enabled', name: 'enabled', type: 'checkbox', checked: monitor ? monitor.enabled : true });
  const form = h('form', { class: 'card', id: 'monitor-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = monitor ? configOf(monitor) : {};
    const type = form.elements.type.value;
    for (const spec of FIELDS) {
      if (!spec.types || spec.types.includes(type)) body[spec.name] = valueOf(spec, form.elements[spec.name]);
    }
    onlyFieldsOfType(body);
    if (type === 'http') setExpectedCode(body, body.expected_status_code);
    body.enabled = enabled.checked;
    try {
      const { data } = await request(monitor ? 'PUT' : 'POST', monitor ? `/monitors/${monitor.id}` : '/monitors', body);
      monitors.put(data);
      remember(data);
      announce(monitor ? 'Monitor saved' : 'Monitor created');
      location.hash = `#/monitors/${data.id}`;
    } catch (e) {
      showErrors(form, e);
    }
  } },
  h('h1', {}, monitor ? `Edit ${monitor.name}` : 'New monitor'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  ...FIELDS.map((spec) => field(spec, monitor ? monitor[spec.name] : undefined)),
  h('div', { class: 'field checkbox' }, enabled, h('label', { for: 'field-enabled' }, 'Enabled')),
  h('button', { type: 'submit', id: 'save-monitor' }, monitor ? 'Save' : 'Create monitor'));
  // Only the chosen type's fields show; the others are hidden and not sent.
  const showType = () => form.querySelectorAll('[data-types]').forEach((div) => {
    div.hidden = !div.dataset.types.split(' ').includes(form.elements.type.value);
  });
  form.elements.type.addEventListener('change', showType);
  showType();
  show(form);
  form.elements.name.focus();
}
