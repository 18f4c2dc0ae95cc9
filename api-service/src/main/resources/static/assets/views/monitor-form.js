// The monitor form: new (#/monitors/new) and edit (#/monitors/{id}/edit); only the chosen type's fields show.
import { get, problemText } from '../api.js';
import { field, showChosenType, submitForm, valuesOf } from '../form.js';
import { h } from '../html.js';
import { configOf, onlyFieldsOfType, POLLED_TYPES, setExpectedCode, TYPES } from '../monitor-fields.js';
import { monitors } from '../monitors.js';
import { announce, show } from '../page.js';
import { canWrite, currentCaller } from '../session.js';
import { assertionsEditor, channelsPicker, headersEditor, monitorsPicker } from './monitor-editors.js';
import { remember } from './ping-url.js';

/**
 * The form's fields, in sections; those with {@code types} show (and are sent) only for a monitor of one of those types.
 * Every field the API accepts is here; the editors (headers, assertions, channels, dependencies) follow their section.
 */
const SECTIONS = [
  { title: 'What to check', fields: [
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
  ] },
  { title: 'Request', types: ['http'], fields: [
    { name: 'method', label: 'Method', type: 'select', options: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], value: 'GET', types: ['http'] },
    { name: 'body', label: 'Body (not with GET or HEAD)', type: 'textarea', types: ['http'] },
    { name: 'content_type', label: 'Content type of the body (default text/plain)', type: 'text', types: ['http'] },
    { name: 'follow_redirects', label: 'Follow redirects (at most 10, each through the SSRF guard)', type: 'checkbox', value: true, types: ['http'] },
  ], editors: ['headers'] },
  { title: 'Healthy when', types: ['http', 'tcp'], fields: [
    { name: 'expected_status_codes', label: 'Status codes that count as success (codes and ranges, e.g. 200-299, 301)', type: 'list', value: ['200'], types: ['http'] },
    { name: 'tls_expiry_days', label: 'Warn when the certificate expires within (days, 0: off)', type: 'number', types: ['http', 'tcp'] },
  ], editors: ['assertions'] },
  { title: 'Alerting', fields: [
    { name: 'fail_threshold', label: 'Failures in a row before DOWN (empty: the default)', type: 'number' },
    { name: 'success_threshold', label: 'Successes in a row before UP (empty: the default)', type: 'number' },
    { name: 'remind_every', label: 'Remind every … minutes while DOWN (0: never)', type: 'number', value: 0 },
    { name: 'webhook_url', label: 'Slack webhook URL (optional)', type: 'url' },
  ], editors: ['channels'] },
  { title: 'Organise', fields: [
    { name: 'tags', label: 'Tags (comma-separated, key or key:value)', type: 'list' },
    { name: 'locations', label: 'Locations that check it (comma-separated; empty: the default location)', type: 'list', types: POLLED_TYPES },
    { name: 'min_failing_locations', label: 'Locations that must fail a check before it counts as failed', type: 'number', types: POLLED_TYPES },
  ], editors: ['depends_on'] },
];
const FIELDS = SECTIONS.flatMap((s) => s.fields);

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
  const editors = {
    headers: headersEditor(monitor?.headers),
    assertions: assertionsEditor(monitor?.assertions),
    channels: await channelsPicker(monitor?.channel_ids),
    depends_on: monitorsPicker('depends_on', 'Depends on', 'While one of these is DOWN, this monitor’s alerts are held back.',
      monitor?.depends_on, monitor?.id),
  };
  editors.headers.element.dataset.types = 'http';
  editors.assertions.element.dataset.types = 'http';
  const enabled = h('input', { id: 'field-enabled', name: 'enabled', type: 'checkbox', checked: monitor ? monitor.enabled : true });
  const form = h('form', { class: 'card wide', id: 'monitor-form', novalidate: true, onsubmit: submitForm(
    monitor ? 'PUT' : 'POST', monitor ? `/monitors/${monitor.id}` : '/monitors', () => {
      const type = form.elements.type.value;
      const body = { ...(monitor ? configOf(monitor) : {}), ...valuesOf(FIELDS, form, type) };
      body.channel_ids = editors.channels.value();
      body.depends_on = editors.depends_on.value();
      if (type === 'http') {
        body.headers = editors.headers.value();
        body.assertions = editors.assertions.value();
        setExpectedCode(body, null);
      }
      body.tags = body.tags ?? [];
      onlyFieldsOfType(body);
      body.enabled = enabled.checked;
      return body;
    }, (data) => {
      monitors.put(data);
      remember(data);
      announce(monitor ? 'Monitor saved' : 'Monitor created');
      location.hash = `#/monitors/${data.id}`;
    }) },
  h('h1', {}, monitor ? `Edit ${monitor.name}` : 'New monitor'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  ...SECTIONS.map((section) => h('fieldset', { class: 'section', 'data-types': section.types?.join(' ') },
    h('legend', {}, section.title),
    ...section.fields.map((spec) => field(spec, monitor ? shownValue(monitor, spec.name) : undefined)),
    ...(section.editors || []).map((name) => editors[name].element))),
  h('div', { class: 'field checkbox' }, enabled, h('label', { for: 'field-enabled' }, 'Enabled')),
  h('button', { type: 'submit', id: 'save-monitor' }, monitor ? 'Save' : 'Create monitor'));
  // Only the chosen type's fields show; the others are hidden and not sent.
  showChosenType(form);
  show(form);
  form.elements.name.focus();
}

/** A monitor's value as its field shows it: the single expected code as a one-entry set. */
function shownValue(monitor, name) {
  if (name === 'expected_status_codes') {
    return monitor.expected_status_codes ?? (monitor.expected_status_code ? [String(monitor.expected_status_code)] : undefined);
  }
  return monitor[name];
}
