// Form fields, sending a form, and the API's field errors next to the fields, for the dashboard's forms.
import { ApiError, problemText, request } from './api.js';
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

/** The values of the fields shown for the chosen type (all of them without a type), as the API takes them. */
export function valuesOf(fields, form, type) {
  return Object.fromEntries(fields.filter((spec) => !spec.types || spec.types.includes(type))
    .map((spec) => [spec.name, valueOf(spec, form.elements[spec.name])]));
}

/** Shows only the fields of the type chosen in the form's type field ([data-types]), now and when it changes. */
export function showChosenType(form) {
  const showType = () => form.querySelectorAll('[data-types]').forEach((div) => {
    div.hidden = !div.dataset.types.split(' ').includes(form.elements.type.value);
  });
  form.elements.type.addEventListener('change', showType);
  showType();
}

/**
 * A form's submit handler that sends one request: body(form) is what is sent, done(data) follows the API's answer.
 * What the last try left (field errors, a .form-status line such as "Saved.") goes first; a refusal shows next to the
 * fields (showErrors, or failed(form, e) for a form that places errors its own way).
 */
export function submitForm(method, path, body, done, failed = showErrors) {
  return async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const sent = body(form);
    clearErrors(form);
    form.querySelectorAll('.form-status').forEach((p) => { p.textContent = ''; });
    let data;
    try {
      ({ data } = await request(method, path, sent));
    } catch (e) {
      failed(form, e);
      return;
    }
    done(data);
  };
}

/** Empties the form's error lines and unmarks its fields. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error').forEach((p) => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
}

/** Shows a problem's field errors next to their fields; errors for fields the form lacks go at the top. */
export function showErrors(form, e) {
  clearErrors(form);
  const general = form.querySelector('.form-error');
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
