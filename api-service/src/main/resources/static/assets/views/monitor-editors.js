// The monitor form's editors for values that are not one input: request headers, assertions, the channels to alert
// and the monitors this one depends on. Each returns {element, value()}; element carries the field's name, so the
// API's field errors land next to it (form.js showErrors).
import { get } from '../api.js';
import { h } from '../html.js';

/** A fieldset named like the API field, with its legend, rows, an add button and the error line. */
function group(name, legend, help, ...children) {
  return h('fieldset', { class: 'editor', name, id: `field-${name}`, tabindex: '-1', 'aria-describedby': `error-${name}` },
    h('legend', {}, legend), help ? h('p', { class: 'help' }, help) : null, ...children,
    h('p', { id: `error-${name}`, class: 'field-error' }));
}

const removeButton = (label, row) => h('button', { type: 'button', class: 'secondary', 'aria-label': label, onclick: () => {
  const next = row.nextElementSibling?.querySelector('input, select') || row.parentElement.nextElementSibling;
  row.remove();
  next?.focus?.();
} }, 'Remove');

/** Request headers as name/value rows. Values come back masked; sent back unchanged they keep the stored secret. */
export function headersEditor(headers) {
  const rows = h('div', { class: 'rows' });
  let n = 0;
  const add = (name = '', value = '') => {
    const i = n++;
    const row = h('div', { class: 'row' },
      h('label', { for: `header-name-${i}`, class: 'visually-hidden' }, `Header ${i + 1} name`),
      h('input', { id: `header-name-${i}`, class: 'header-name', value: name, placeholder: 'Authorization', autocomplete: 'off' }),
      h('label', { for: `header-value-${i}`, class: 'visually-hidden' }, `Header ${i + 1} value`),
      h('input', { id: `header-value-${i}`, class: 'header-value', value, placeholder: 'Bearer …', autocomplete: 'off' }));
    row.append(removeButton(`Remove header ${i + 1}`, row));
    rows.append(row);
    return row;
  };
  Object.entries(headers || {}).forEach(([k, v]) => add(k, v));
  const element = group('headers', 'Request headers', 'Values are secrets: shown masked, kept as stored when left masked.', rows,
    h('button', { type: 'button', class: 'secondary', id: 'add-header', onclick: () => add().querySelector('input').focus() }, 'Add header'));
  return {
    element,
    value() {
      const out = {};
      rows.querySelectorAll('.row').forEach((row) => {
        const name = row.querySelector('.header-name').value.trim();
        if (name) out[name] = row.querySelector('.header-value').value;
      });
      return out;
    },
  };
}

/** What each assertion type asks for; json_path has a path and one condition. */
const ASSERTIONS = {
  body_contains: 'Body contains',
  body_not_contains: 'Body does not contain',
  json_path: 'JSON path',
  max_latency_ms: 'Latency at most (ms)',
};
const CONDITIONS = { equals: 'equals', exists: 'exists', less_than: 'less than', greater_than: 'greater than' };

/** A JSON scalar typed in a box: numbers, true/false and null as JSON, anything else as a string. */
function scalar(text) {
  const t = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(t)) return JSON.parse(t);
  return text;
}

/** The response checks, a row each: a type, then its operands. */
export function assertionsEditor(assertions) {
  const rows = h('div', { class: 'rows' });
  let n = 0;
  const add = (a = { type: 'body_contains', value: '' }) => {
    const i = n++;
    const type = h('select', { id: `assertion-type-${i}`, class: 'assertion-type' },
      ...Object.entries(ASSERTIONS).map(([v, label]) => h('option', { value: v, selected: v === a.type }, label)));
    const condition = Object.keys(CONDITIONS).find((c) => c in a) || 'equals';
    const path = h('input', { id: `assertion-path-${i}`, class: 'assertion-path', value: a.path ?? '', placeholder: '$.status' });
    const op = h('select', { id: `assertion-condition-${i}`, class: 'assertion-condition' },
      ...Object.entries(CONDITIONS).map(([v, label]) => h('option', { value: v, selected: v === condition }, label)));
    const operand = a.type === 'json_path' ? a[condition] : a.value;
    const value = h('input', { id: `assertion-value-${i}`, class: 'assertion-value',
      value: operand === undefined || operand === null ? '' : (typeof operand === 'string' ? operand : JSON.stringify(operand)) });
    const pathPart = h('span', { class: 'json-path' },
      h('label', { for: path.id, class: 'visually-hidden' }, `Assertion ${i + 1} JSON path`), path,
      h('label', { for: op.id, class: 'visually-hidden' }, `Assertion ${i + 1} condition`), op);
    const valueLabel = h('label', { for: value.id, class: 'visually-hidden' }, `Assertion ${i + 1} value`);
    const row = h('div', { class: 'row assertion' },
      h('label', { for: type.id, class: 'visually-hidden' }, `Assertion ${i + 1} type`), type, pathPart, valueLabel, value);
    row.append(removeButton(`Remove assertion ${i + 1}`, row));
    const shape = () => {
      pathPart.hidden = type.value !== 'json_path';
      value.hidden = type.value === 'json_path' && op.value === 'exists';
      value.inputMode = type.value === 'max_latency_ms' ? 'numeric' : 'text';
    };
    type.addEventListener('change', shape);
    op.addEventListener('change', shape);
    shape();
    rows.append(row);
    return row;
  };
  (assertions || []).forEach(add);
  const element = group('assertions', 'Assertions', 'All must hold for a check to succeed (at most 20).', rows,
    h('button', { type: 'button', class: 'secondary', id: 'add-assertion', onclick: () => add().querySelector('select').focus() }, 'Add assertion'));
  return {
    element,
    value() {
      return [...rows.querySelectorAll('.row')].map((row) => {
        const type = row.querySelector('.assertion-type').value;
        const text = row.querySelector('.assertion-value').value;
        if (type === 'max_latency_ms') return { type, value: text.trim() === '' ? null : Number(text) };
        if (type !== 'json_path') return { type, value: text };
        const condition = row.querySelector('.assertion-condition').value;
        const a = { type, path: row.querySelector('.assertion-path').value.trim() };
        if (condition === 'exists') a.exists = true;
        else if (condition === 'equals') a.equals = scalar(text);
        else a[condition] = text.trim() === '' ? null : Number(text);
        return a;
      });
    },
  };
}

/** The channels that get this monitor's alerts, picked by name from /channels. */
export async function channelsPicker(selected) {
  const chosen = new Set(selected || []);
  let channels = [];
  let failure = null;
  try {
    channels = await get('/channels?limit=200');
  } catch (e) {
    failure = `The channels could not be read (${e.message}).`;
  }
  const list = h('ul', { class: 'choices' }, ...channels.map((c) => h('li', {},
    h('input', { type: 'checkbox', id: `channel-${c.id}`, value: c.id, checked: chosen.has(c.id) }),
    h('label', { for: `channel-${c.id}` }, c.name, ' ', h('span', { class: 'type' }, c.type)))));
  const element = group('channel_ids', 'Channels to alert', failure
    || (channels.length ? null : 'No channels yet: add one on the Channels page, or use the Slack webhook below.'), list);
  return {
    element,
    // A channel the list could not show stays chosen.
    value: () => [...chosen].filter((id) => !channels.some((c) => c.id === id))
      .concat([...list.querySelectorAll('input:checked')].map((i) => Number(i.value))),
  };
}

/** Monitors picked by name: a search box over GET /monitors?q= and the chosen ones as removable chips. */
export function monitorsPicker(name, legend, help, selectedIds, exceptId) {
  const chosen = new Map((selectedIds || []).map((id) => [id, `#${id}`]));
  const chips = h('ul', { class: 'chips', 'aria-live': 'polite' });
  const results = h('ul', { class: 'choices', id: `${name}-results` });
  const search = h('input', { id: `${name}-search`, type: 'search', autocomplete: 'off', placeholder: 'Search by name or target',
    'aria-controls': results.id });
  const draw = () => chips.replaceChildren(...[...chosen].map(([id, label]) => {
    const chip = h('li', { class: 'chip', 'data-id': id }, label, ' ');
    chip.append(h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${label}`, onclick: () => {
      chosen.delete(id);
      draw();
      search.focus();
    } }, '×'));
    return chip;
  }));
  let asked = 0;
  search.addEventListener('input', async () => {
    const q = search.value.trim();
    const mine = ++asked;
    if (!q) {
      results.replaceChildren();
      return;
    }
    let found = [];
    try {
      found = await get(`/monitors?q=${encodeURIComponent(q)}&limit=10`);
    } catch (e) {
      found = [];
    }
    if (mine !== asked) return; // a later keystroke's answer wins
    results.replaceChildren(...found.filter((m) => m.id !== exceptId && !chosen.has(m.id)).map((m) => h('li', {},
      h('button', { type: 'button', class: 'secondary', 'data-id': m.id, onclick: () => {
        chosen.set(m.id, m.name);
        draw();
        results.replaceChildren();
        search.value = '';
        search.focus();
      } }, `Add ${m.name}`))));
  });
  // Names for the ids the monitor already has.
  (selectedIds || []).forEach((id) => get(`/monitors/${id}`).then((m) => {
    if (chosen.has(id)) chosen.set(id, m.name);
    draw();
  }, () => {}));
  draw();
  const element = group(name, legend, help, chips, h('label', { for: search.id }, 'Add a monitor'), search, results);
  return { element, value: () => [...chosen.keys()] };
}
