// Form fields and the API's field errors next to them, for the dashboard's forms.
import { ApiError, problemText } from './api.js';
import { h } from './html.js';

/** A labelled field with its error line; one with spec.types shows only for a monitor of one of those types. */
export function field(spec, value) {
  const id = `field-${spec.name}`;
  const shown = value ?? spec.value ?? '';
  const common = { id, name: spec.name, 'aria-describedby': `error-${spec.name}` };
  const error = h('p', { id: `error-${spec.name}`, class: 'field-error' });
  if (spec.type === 'checkbox') {
    return h('div', { class: 'field checkbox', 'data-types': spec.types?.join(' ') },
      h('input', { ...common, type: 'checkbox', checked: (value ?? spec.value) === true }), h('label', { for: id }, spec.label), error);
  }
  const input = spec.type === 'select'
    ? h('select', common, ...spec.options.map((o) => h('option', { value: o, selected: o === shown }, o)))
    : spec.type === 'textarea'
      ? h('textarea', { ...common, rows: 4 }, shown)
      : h('input', { ...common, type: spec.type === 'number' ? 'number' : 'text', inputmode: spec.type === 'url' ? 'url' : null,
      value: Array.isArray(shown) ? shown.join(', ') : shown, required: spec.required });
  return h('div', { class: 'field', 'data-types': spec.types?.join(' ') },
    h('label', { for: id }, spec.label, spec.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null), input, error);
}

/** A field's value as the API takes it: null when empty. */
export function valueOf(spec, input) {
  if (spec.type === 'checkbox') return input.checked;
  const raw = input.value.trim();
  if (raw === '') return null;
  if (spec.type === 'number') return Number(raw);
  if (spec.type === 'list') return raw.split(/\s*,\s*/).filter(Boolean);
  return raw;
}

/** Shows a problem's field errors next to their fields; errors for fields the form lacks go at the top. */
export function showErrors(form, e) {
  form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  general.textContent = '';
  if (!(e instanceof ApiError) || !e.problem.errors) {
    general.textContent = problemText(e);
    return;
  }
  let first = null;
  for (const [name, message] of Object.entries(e.fieldErrors())) {
    const target = form.querySelector(`#error-${CSS.escape(name)}`);
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (target) {
      target.textContent = message;
      input?.setAttribute('aria-invalid', 'true');
      first = first || input;
    } else {
      general.textContent += `${name}: ${message}. `;
    }
  }
  (first || general).focus?.();
}
