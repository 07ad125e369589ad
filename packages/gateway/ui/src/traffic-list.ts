import { fetchTraffic, type TrafficFilters } from './api.js';
import { h, replace } from './dom.js';
import { formatCost, formatMs, formatTime, formatTokens } from './format.js';
import type { TrafficEntry } from './types.js';

/** Where a row leads: a response opens its whole `previous_response_id` chain, in its project. */
export function entryHash(entry: Pick<TrafficEntry, 'kind' | 'id' | 'projectId'>): string {
  const view = entry.kind === 'response' ? 'response' : 'chat';
  return `#/${view}/${encodeURIComponent(entry.id)}/${encodeURIComponent(entry.projectId)}`;
}

function statusPill(status: string | null): HTMLElement {
  const tone =
    status === 'completed' || status === 'stop' || status === 'tool_calls'
      ? 'ok'
      : status === 'failed'
        ? 'bad'
        : 'warn';
  return h('span', { class: `pill ${tone}` }, status ?? '–');
}

function row(entry: TrafficEntry, fresh: boolean): HTMLTableRowElement {
  const notes: string[] = [];
  if (entry.repairs > 0) notes.push(`${entry.repairs} repaired`);
  if (entry.adjustments > 0) notes.push(`${entry.adjustments} adjusted`);
  const tr = h(
    'tr',
    {
      'data-testid': 'traffic-row',
      'data-id': entry.id,
      'data-kind': entry.kind,
      class: fresh ? 'fresh' : undefined,
    },
    h('td', {}, formatTime(entry.createdAt)),
    h('td', {}, h('span', { class: 'pill kind' }, entry.kind === 'response' ? 'response' : 'chat')),
    h('td', { class: 'mono' }, entry.model ?? '–'),
    h('td', {}, entry.provider ?? '–'),
    h('td', {}, statusPill(entry.status)),
    h('td', { class: 'num' }, formatTokens(entry.inputTokens, entry.outputTokens, entry.cachedTokens)),
    h('td', { class: 'num' }, formatCost(entry.costUsd)),
    h('td', { class: 'num' }, formatMs(entry.latencyMs)),
    h(
      'td',
      {},
      entry.previousResponseId !== null ? h('span', { class: 'muted' }, 'chained ') : null,
      notes.join(', '),
    ),
  );
  tr.addEventListener('click', () => {
    location.hash = entryHash(entry);
  });
  return tr;
}

function filterBar(filters: TrafficFilters, apply: () => void): HTMLElement {
  const input = (name: keyof TrafficFilters, placeholder: string) => {
    const field = h('input', { name, placeholder, value: filters[name], 'aria-label': placeholder });
    field.addEventListener('change', () => {
      filters[name] = field.value.trim();
      apply();
    });
    return field;
  };
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': 'kind' },
    h('option', { value: '' }, 'all kinds'),
    h('option', { value: 'response' }, 'responses'),
    h('option', { value: 'chat.completion' }, 'chat completions'),
  );
  kind.value = filters.kind;
  kind.addEventListener('change', () => {
    filters.kind = kind.value;
    apply();
  });
  return h(
    'div',
    { class: 'filters' },
    kind,
    input('model', 'model'),
    input('provider', 'provider'),
    input('status', 'status'),
    h('span', { class: 'live', title: 'new traffic appears as it is stored' }, 'live'),
  );
}

/**
 * The traffic list: one indexed page at a time (newest first, "Load older" pages back), and a poll of the
 * first page that prepends what is new. A poll never redraws rows already shown.
 */
export function renderTrafficList(root: HTMLElement, filters: TrafficFilters, pollMs: number): () => void {
  const shown = new Set<string>();
  const body = h('tbody', {});
  const status = h('p', { class: 'muted' });
  const more = h('button', { class: 'more', type: 'button', hidden: '' }, 'Load older');
  let before: string | null = null;
  let generation = 0;
  const append = (entries: TrafficEntry[], atTop: boolean, fresh: boolean) => {
    const rows = entries.filter((entry) => !shown.has(entry.id)).map((entry) => row(entry, fresh));
    for (const tr of rows) shown.add(tr.dataset['id'] ?? '');
    if (atTop) body.prepend(...rows);
    else body.append(...rows);
    status.textContent =
      shown.size === 0 ? 'Nothing stored yet: requests with store enabled appear here.' : '';
  };
  const load = async (first: boolean) => {
    const mine = generation;
    try {
      const page = await fetchTraffic(filters, first ? null : before);
      if (mine !== generation) return;
      before = page.next_before;
      append(page.data, false, false);
      more.hidden = !page.has_more;
    } catch (error) {
      status.textContent = `Could not load traffic: ${(error as Error).message}`;
    }
  };
  const reload = () => {
    generation += 1;
    shown.clear();
    body.replaceChildren();
    before = null;
    void load(true);
  };
  more.addEventListener('click', () => void load(false));
  const table = h(
    'table',
    { 'data-testid': 'traffic' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Time', 'Kind', 'Model', 'Provider', 'Status', 'Tokens', 'Cost', 'Latency', 'Notes'].map(
          (title) => h('th', {}, title),
        ),
      ),
    ),
    body,
  );
  replace(root, filterBar(filters, reload), table, status, more);
  reload();
  const timer = setInterval(() => {
    const mine = generation;
    fetchTraffic(filters, null, 50)
      .then((page) => {
        if (mine === generation) append(page.data, true, true);
      })
      .catch(() => undefined);
  }, pollMs);
  return () => clearInterval(timer);
}
