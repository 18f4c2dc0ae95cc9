// Small pieces the settings pages share: a confirmation dialog, a copy button, a time with UTC on hover, a list
// page's table, and the form skeleton whose field errors form.js fills in.
import { formatTime } from './charts.js';
import { h } from './html.js';
import { announce } from './page.js';

/**
 * Asks before something that cannot be undone, in a modal dialog (focus stays inside, Escape cancels); resolves to
 * whether the person confirmed.
 */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: 'confirm-dialog', 'aria-labelledby': 'confirm-dialog-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'confirm-dialog-title' }, title),
        h('p', {}, text),
        h('button', { value: 'cancel', type: 'submit', id: 'confirm-cancel' }, 'Cancel'), ' ',
        h('button', { value: 'confirm', type: 'submit', class: 'danger', id: 'confirm-ok' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.getElementById('main').append(dialog);
    dialog.showModal();
  });
}

/** A button that copies text; where the clipboard is refused, the element with targetId is selected instead. */
export function copyButton(id, text, targetId, what) {
  return h('button', { type: 'button', id, onclick: async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce(`${what} copied`);
    } catch (e) {
      // No clipboard (an insecure origin, a refused permission): select it so that it can be copied by hand.
      window.getSelection().selectAllChildren(document.getElementById(targetId));
      announce(`Copying failed: the ${what} is selected, copy it by hand`);
    }
  } }, 'Copy');
}

/** A time in the browser's zone, with the UTC time on hover. */
export function time(iso) {
  if (!iso) return '—';
  return h('time', { datetime: iso, title: new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') }, formatTime(iso));
}

/** A table with a caption and column headers; rows are arrays of cells (the first cell a row header). */
export function table(id, caption, columns, rows) {
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows)));
}

/** The start of a form: its heading and the line where errors without a field of their own go. */
export function formHead(title) {
  return [h('h1', {}, title), h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' })];
}

/** What a page says instead of a form a key's scope may not use. */
export function refusal(scope, needed, what) {
  return h('p', { id: 'scope-refusal', role: 'alert' },
    `This key has the ${scope} scope: ${what} needs the ${needed} scope.`);
}
