// Status pages: the list (#/status-pages), with edit and delete for a key that may write, and the editor
// (#/status-pages/new, #/status-pages/{id}): slug, title, an optional description, the monitors shown first, then
// groups, each of monitors picked here or of every monitor carrying a tag. Monitors are picked by name through the
// server's search (GET /monitors?q=) and ordered with up/down buttons; the API's field errors show next to their
// fields.
import { ApiError, get, getAll, problemText, request } from '../api.js';
import { clearErrors, field, submitForm } from '../form.js';
import { h } from '../html.js';
import { announce, show } from '../page.js';
import { canWrite, currentCaller } from '../session.js';

const SEARCH_LIMIT = 10;

// Listed monitors are counted; a tag group's members change with the tags, so it is named instead.
function describe(page) {
  const listed = page.monitor_ids.length + page.groups.reduce((n, g) => n + (g.monitor_ids || []).length, 0);
  const tags = page.groups.filter((g) => g.tag).map((g) => `tag ${g.tag}`);
  return [`${listed} monitor${listed === 1 ? '' : 's'}`, ...tags].join(' · ');
}

export async function statusPagesView() {
  const list = h('div', { id: 'status-page-list' }, h('p', { class: 'loading' }, 'Loading…'));
  show(h('h1', {}, 'Status pages'),
    canWrite() ? h('p', {}, h('a', { class: 'button', id: 'new-status-page', href: '#/status-pages/new' }, 'New status page')) : null,
    list);
  try {
    const pages = await getAll('/status-pages?limit=1000');
    list.replaceChildren(pages.length
      ? h('ul', { class: 'pages' }, ...pages.map((p) => h('li', {},
        h('a', { href: p.public_url }, p.title), ` (${p.slug}) · ${describe(p)}`,
        canWrite() ? [' · ', h('a', { href: `#/status-pages/${p.id}`, 'aria-label': `Edit ${p.title}` }, 'Edit'), ' · ',
          h('button', { type: 'button', class: 'link danger', 'aria-label': `Delete ${p.title}`, onclick: async () => {
            if (!window.confirm(`Delete the status page “${p.title}”?`)) return;
            try {
              await request('DELETE', `/status-pages/${p.id}`);
              announce(`Status page ${p.title} deleted`);
              statusPagesView();
            } catch (e) {
              list.prepend(h('p', { class: 'error', role: 'alert' }, problemText(e)));
            }
          } }, 'Delete')] : null)))
      : h('p', {}, 'No status pages yet.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

/** The editor of a new page (id null) or of page id. */
export async function statusPageEditorView(id) {
  const title = id === null ? 'New status page' : 'Edit status page';
  if (!canWrite()) {
    show(h('h1', {}, title),
      h('p', { id: 'scope-refusal', role: 'alert' }, `This key has the ${currentCaller()?.scope} scope: it can look at status pages but not create or change them.`));
    return;
  }
  if (id === null) {
    editor(null, { sections: [listSection()], names: new Map() });
    return;
  }
  show(h('h1', {}, title), h('p', { class: 'loading' }, 'Loading…'));
  try {
    const page = await get(`/status-pages/${id}`);
    editor(page, { sections: sectionsOf(page), names: await namesOf(page) });
  } catch (e) {
    show(h('h1', {}, title), h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}

let nextKey = 0;
const listSection = (name = null, ids = []) => ({ key: nextKey++, kind: 'list', name, ids: [...ids], tag: '' });
const tagSection = (name, tag) => ({ key: nextKey++, kind: 'tag', name, ids: [], tag });

/** The page as the editor holds it: sections[0] is the monitors shown first, the others are the groups in order. */
function sectionsOf(page) {
  return [listSection(null, page.monitor_ids),
    ...page.groups.map((g) => (g.tag ? tagSection(g.name, g.tag) : listSection(g.name, g.monitor_ids)))];
}

/** The names of a page's monitors, from its public summary: one request, however many monitors it shows. */
async function namesOf(page) {
  const names = new Map();
  const response = await fetch(`${page.public_url}/summary.json`, { headers: { Accept: 'application/json' } });
  if (response.ok) {
    for (const group of (await response.json()).groups) group.monitors.forEach((m) => names.set(m.id, m.name));
  }
  return names;
}

function editor(page, state) {
  const nameOf = (monitorId) => state.names.get(monitorId) ?? `Monitor #${monitorId}`;
  const onPage = () => new Set(state.sections.flatMap((s) => s.ids));
  const sections = h('div', { id: 'page-sections' });
  const saved = h('p', { id: 'save-result', class: 'form-status', role: 'status' });

  /** One section's picked monitors, in display order, each with up, down and remove. */
  function pickedList(section) {
    const list = h('ol', { class: 'picked' });
    const render = (focus) => {
      list.replaceChildren(...section.ids.map((monitorId, i) => {
        const name = nameOf(monitorId);
        const move = (by, action) => () => {
          section.ids.splice(i + by, 0, ...section.ids.splice(i, 1));
          render({ monitorId, action });
        };
        return h('li', { 'data-monitor-id': monitorId },
          h('span', { class: 'picked-name' }, name),
          h('span', { class: 'picked-actions' },
            h('button', { type: 'button', class: 'small', 'data-action': 'up', 'aria-label': `Move ${name} up`, disabled: i === 0, onclick: move(-1, 'up') }, '↑'),
            h('button', { type: 'button', class: 'small', 'data-action': 'down', 'aria-label': `Move ${name} down`, disabled: i === section.ids.length - 1, onclick: move(1, 'down') }, '↓'),
            h('button', { type: 'button', class: 'small link danger', 'aria-label': `Remove ${name}`, onclick: () => {
              section.ids.splice(i, 1);
              render(null);
              announce(`${name} removed`);
            } }, 'Remove')));
      }));
      if (!section.ids.length) list.append(h('li', { class: 'empty' }, 'No monitors yet.'));
      if (focus) {
        // Keyboard users keep their place: the button they pressed, or its twin once the item reached an end.
        const item = list.querySelector(`li[data-monitor-id="${focus.monitorId}"]`);
        const button = item.querySelector(`[data-action="${focus.action}"]`);
        (button.disabled ? item.querySelector(`[data-action="${focus.action === 'up' ? 'down' : 'up'}"]`) : button).focus();
        announce(`${nameOf(focus.monitorId)} moved to position ${section.ids.indexOf(focus.monitorId) + 1}`);
      }
    };
    render(null);
    return { list, render };
  }

  /** A search box that asks the server for monitors by name (or target) and adds the one picked. */
  function picker(section, errorId, onAdd) {
    const inputId = `field-${errorId}`;
    const results = h('ul', { class: 'search-results' });
    const found = h('p', { class: 'search-status', 'aria-live': 'polite' });
    let latest = 0;
    const showResults = (monitors) => {
      const taken = onPage();
      const offered = monitors.filter((m) => !taken.has(m.id));
      found.textContent = `${offered.length} monitor${offered.length === 1 ? '' : 's'} found`;
      results.replaceChildren(...offered.map((m) => h('li', {},
        h('button', { type: 'button', class: 'small', 'aria-label': `Add ${m.name}`, 'data-monitor-id': m.id, onclick: (event) => {
          state.names.set(m.id, m.name);
          section.ids.push(m.id);
          onAdd();
          event.target.closest('li').remove();
          announce(`${m.name} added`);
          input.focus();
        } }, 'Add'), ' ', m.name)));
    };
    const search = async () => {
      const mine = ++latest;
      const q = input.value.trim();
      if (!q) {
        results.replaceChildren();
        found.textContent = '';
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 150)); // one request when typing pauses
      if (mine !== latest) return;
      try {
        const monitors = await get(`/monitors?q=${encodeURIComponent(q)}&limit=${SEARCH_LIMIT}`);
        if (mine === latest) showResults(monitors);
      } catch (e) {
        if (mine === latest) found.textContent = problemText(e);
      }
    };
    const input = h('input', { id: inputId, type: 'search', maxlength: 200, autocomplete: 'off',
      'aria-describedby': `error-${errorId}`, oninput: search,
      // Enter adds the first monitor found rather than saving the page half-built.
      onkeydown: (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        results.querySelector('button')?.click();
      } });
    return h('div', { class: 'field picker' },
      h('label', { for: inputId }, 'Add a monitor by name'), input, found, results,
      h('p', { id: `error-${errorId}`, class: 'field-error' }));
  }

  function renderSections() {
    sections.replaceChildren(...state.sections.map((section, index) => {
      const group = index - 1; // the API's index in groups; -1 for the monitors shown first
      const prefix = group < 0 ? '' : `groups-${group}-`;
      if (group < 0) {
        const picked = pickedList(section);
        return h('fieldset', { class: 'page-section', id: 'section-ungrouped' },
          h('legend', {}, 'Monitors shown first, without a group'),
          picked.list, picker(section, 'monitor_ids', () => picked.render(null)));
      }
      const move = (by) => () => {
        state.sections.splice(index + by, 0, ...state.sections.splice(index, 1));
        renderSections();
        sections.querySelector(`[data-section-key="${section.key}"] [data-action="${by < 0 ? 'group-up' : 'group-down'}"]:not(:disabled)`)?.focus();
      };
      const kind = (value, label) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: `${prefix}kind`, value, checked: section.kind === value, onchange: () => {
          section.kind = value;
          renderSections();
          sections.querySelector(`[data-section-key="${section.key}"] input[value="${value}"]`)?.focus();
        } }), ` ${label}`);
      const picked = section.kind === 'list' ? pickedList(section) : null;
      const name = field({ name: `${prefix}name`, label: 'Group title', type: 'text', required: true }, section.name ?? '');
      name.querySelector('input').addEventListener('input', (e) => { section.name = e.target.value; });
      const tag = field({ name: `${prefix}tag`, label: 'Tag (key or key:value, as on the monitors)', type: 'text', required: true }, section.tag);
      tag.querySelector('input').addEventListener('input', (e) => { section.tag = e.target.value; });
      return h('fieldset', { class: 'page-section', 'data-section-key': section.key },
        h('legend', {}, `Group ${group + 1}${section.name ? `: ${section.name}` : ''}`),
        name,
        h('fieldset', { class: 'choices' }, h('legend', {}, 'Shows'),
          kind('list', 'monitors picked here'), kind('tag', 'every monitor with a tag')),
        section.kind === 'tag' ? tag : [picked.list, picker(section, `${prefix}monitor_ids`, () => picked.render(null))],
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'small', 'data-action': 'group-up', disabled: index === 1, onclick: move(-1) }, 'Move group up'),
          h('button', { type: 'button', class: 'small', 'data-action': 'group-down', disabled: index === state.sections.length - 1, onclick: move(1) }, 'Move group down'),
          h('button', { type: 'button', class: 'small link danger', onclick: () => {
            state.sections.splice(index, 1);
            renderSections();
            document.getElementById('add-group').focus();
            announce(`Group ${group + 1} removed`);
          } }, 'Remove group')));
    }));
  }

  const description = h('div', { class: 'field' },
    h('label', { for: 'field-description' }, 'Description (optional)'),
    h('textarea', { id: 'field-description', name: 'description', rows: 2, maxlength: 2000, 'aria-describedby': 'error-description' }),
    h('p', { id: 'error-description', class: 'field-error' }));
  description.querySelector('textarea').value = page?.description ?? '';

  const form = h('form', { class: 'card wide', id: 'status-page-form', novalidate: true, onsubmit: submitForm(
    page === null ? 'POST' : 'PUT', page === null ? '/status-pages' : `/status-pages/${page.id}`, () => ({
      slug: form.elements.slug.value.trim(),
      title: form.elements.title.value.trim(),
      description: form.elements.description.value.trim() || null,
      monitor_ids: state.sections[0].ids,
      groups: state.sections.slice(1).map((s) => (s.kind === 'tag'
        ? { name: (s.name ?? '').trim(), tag: s.tag.trim() }
        : { name: (s.name ?? '').trim(), monitor_ids: s.ids })),
    }), (data) => {
      announce(`Status page ${data.slug} ${page === null ? 'created' : 'saved'}`);
      if (page === null) {
        location.hash = `#/status-pages/${data.id}`;
        return;
      }
      Object.assign(page, data);
      preview.href = data.public_url;
      saved.textContent = `Saved. The public page is at ${data.public_url}.`;
    }, (f, e) => showErrors(f, state, nameOf, e)) },
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  field({ name: 'slug', label: 'Slug: the page’s address, /status/<slug> (lowercase letters, digits, hyphens)', type: 'text', required: true }, page?.slug),
  field({ name: 'title', label: 'Title', type: 'text', required: true }, page?.title),
  description,
  h('h2', {}, 'Monitors and groups'),
  h('p', { class: 'hint' }, 'The page shows the monitors without a group first, then each group, in this order.'),
  sections,
  h('p', {}, h('button', { type: 'button', id: 'add-group', onclick: () => {
    state.sections.push(listSection(''));
    renderSections();
    sections.lastElementChild.querySelector('input').focus();
  } }, 'Add a group')),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', id: 'save-status-page' }, page === null ? 'Create status page' : 'Save'),
    h('a', { href: '#/status-pages' }, 'Back to the status pages')),
  saved);
  const preview = h('a', { id: 'preview-link', href: page?.public_url ?? '#' }, 'Open the public page');
  renderSections();
  show(h('h1', {}, page === null ? 'New status page' : `Edit ${page.title}`),
    page === null ? null : h('p', {}, preview),
    form);
}

/**
 * The API's field errors next to their fields: slug, title, description, groups[i].name and groups[i].tag have a
 * field each; an entry of a monitor list (monitor_ids[2], groups[0].monitor_ids[1]) shows under its list, named.
 */
function showErrors(form, state, nameOf, e) {
  clearErrors(form);
  const general = form.querySelector('.form-error');
  if (!(e instanceof ApiError) || !e.problem.errors) {
    general.textContent = problemText(e);
    general.focus();
    return;
  }
  let first = null;
  for (const { field: name, message } of e.problem.errors) {
    const m = name.match(/^(?:groups\[(\d+)\]\.)?([a-z_]+)(?:\[(\d+)\])?$/);
    const id = m && (m[1] === undefined ? m[2] : `groups-${m[1]}-${m[2]}`);
    const target = id && form.querySelector(`#error-${CSS.escape(id)}`);
    if (!target) {
      general.textContent += `${name}: ${message}. `;
      continue;
    }
    const section = state.sections[m[1] === undefined ? 0 : Number(m[1]) + 1];
    const text = m[3] !== undefined && section ? `${nameOf(section.ids[Number(m[3])])}: ${message}` : message;
    target.textContent = target.textContent ? `${target.textContent}; ${text}` : text;
    const input = form.querySelector(`#field-${CSS.escape(id)}`);
    input?.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  (first || general).focus();
}
