// Status pages (#/status-pages): the list, with a delete button and a form for a new one when the key may write.
import { getAll, problemText, request } from '../api.js';
import { field, showErrors } from '../form.js';
import { h } from '../html.js';
import { announce, show } from '../page.js';
import { canWrite } from '../session.js';

// Listed monitors are counted; a tag group's members change with the tags, so it is named instead.
function describe(page) {
  const listed = page.monitor_ids.length + page.groups.reduce((n, g) => n + (g.monitor_ids || []).length, 0);
  const tags = page.groups.filter((g) => g.tag).map((g) => `tag ${g.tag}`);
  return [`${listed} monitors`, ...tags].join(' · ');
}

export async function statusPagesView() {
  const list = h('div', { id: 'status-page-list' }, h('p', { class: 'loading' }, 'Loading…'));
  const form = h('form', { class: 'card', id: 'status-page-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const ids = form.elements.monitor_ids.value.split(/[\s,]+/).filter(Boolean).map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    const body = { slug: form.elements.slug.value.trim(), title: form.elements.title.value.trim(),
      description: form.elements.description.value.trim() || null, monitor_ids: ids };
    try {
      const { data } = await request('POST', '/status-pages', body);
      announce(`Status page ${data.slug} created`);
      statusPagesView();
    } catch (e) {
      showErrors(form, e);
    }
  } },
  h('h2', {}, 'New status page'),
  h('p', { class: 'form-error error', role: 'alert', tabindex: '-1' }),
  field({ name: 'slug', label: 'Slug (lowercase letters, digits, hyphens)', type: 'text', required: true }),
  field({ name: 'title', label: 'Title', type: 'text', required: true }),
  field({ name: 'description', label: 'Description', type: 'text' }),
  field({ name: 'monitor_ids', label: 'Monitor ids, in display order (comma-separated)', type: 'text' }),
  h('button', { type: 'submit', id: 'create-status-page' }, 'Create status page'));
  show(h('h1', {}, 'Status pages'), list, canWrite() ? form : null);
  try {
    const pages = await getAll('/status-pages?limit=1000');
    list.replaceChildren(pages.length
      ? h('ul', { class: 'pages' }, ...pages.map((p) => h('li', {},
        h('a', { href: p.public_url }, p.title), ` (${p.slug}) · ${describe(p)}`,
        canWrite() ? [' · ', h('button', { type: 'button', class: 'link danger', onclick: async () => {
          if (!window.confirm(`Delete the status page “${p.title}”?`)) return;
          await request('DELETE', `/status-pages/${p.id}`);
          statusPagesView();
        } }, 'Delete')] : null)))
      : h('p', {}, 'No status pages yet.'));
  } catch (e) {
    list.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
}
