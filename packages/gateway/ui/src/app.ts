import { fetchChatConversation, fetchResponseConversation, type TrafficFilters } from './api.js';
import { renderChatConversation, renderResponseConversation } from './conversation.js';
import { h, replace } from './dom.js';
import { renderTrafficList } from './traffic-list.js';

/**
 * The trace viewer (docs/observability.md#trace-viewer): `#/` lists recent traffic, `#/response/<id>/<project>`
 * shows a response's whole chain, `#/chat/<id>/<project>` a stored chat completion.
 */
const root = document.getElementById('app') as HTMLElement;
const pollMs = Number(root.dataset['pollMs'] ?? '2000') || 2000;
const filters: TrafficFilters = { kind: '', model: '', provider: '', status: '' };
let stop: (() => void) | null = null;

async function show(): Promise<void> {
  stop?.();
  stop = null;
  const [, view, rawId, rawProject] = location.hash.split('/');
  const id = decodeURIComponent(rawId ?? '');
  const project = decodeURIComponent(rawProject ?? '') || 'default';
  try {
    if (view === 'response' && id !== '')
      renderResponseConversation(root, await fetchResponseConversation(id, project));
    else if (view === 'chat' && id !== '')
      renderChatConversation(root, await fetchChatConversation(id, project));
    else stop = renderTrafficList(root, filters, pollMs);
  } catch (error) {
    replace(
      root,
      h('a', { href: '#/', class: 'back' }, '← all traffic'),
      h('p', { class: 'error' }, (error as Error).message),
    );
  }
  document.title = view === undefined || view === '' ? 'toolbridge · traces' : `toolbridge · ${id}`;
}

window.addEventListener('hashchange', () => void show());
void show();
