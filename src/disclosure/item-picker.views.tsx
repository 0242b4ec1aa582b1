// The item picker (issue 19): a plain GET search form that lists matching items, each with a choose
// control (a radio of the form it belongs to, or a one-button POST form) — works without JavaScript.
// src/web/static/picker.js turns the search box into an ARIA combobox over GET /api/v1/items/pick
// (debounced, arrows, Enter, Esc, announcements); choosing an option renders the same choose control.
import type { Child } from '#jsx/jsx-runtime';
import { describePick, type PickPurpose, type PickRow } from './item-picker.service.js';

/** What a choose control needs; `data-pick-id` / `data-pick-title` mark where the script fills them in. */
export type PickChoice = { id: string; title: string };

export type PickerProps = {
  /** Unique on the page: ids of the search box, its results and status. */
  name: string;
  purpose: PickPurpose;
  /** The page the GET search returns to (may end with #fragment), the query parameter, other parameters to keep. */
  action: string; param: string; keep?: Record<string, string>;
  label: string;
  q: string;
  /** null: nothing searched yet. */
  rows: PickRow[] | null;
  except?: number;
  /** The choose control of one row; called once more with empty values for the script's template. */
  choose: (c: PickChoice, row: PickRow | null) => Child;
  /** Shown instead of a choose control (e.g. 已在目录中). */
  unavailable?: (row: PickRow) => string | null;
  /** Rows shown before any search (e.g. the choice a re-rendered form keeps). */
  chosen?: PickRow | null;
  /** Where the results go: 'here' (after the search form) or 'elsewhere' (the caller renders PickerResults). */
  results?: 'here' | 'elsewhere';
};

const resultsId = (name: string) => `${name}-results`;

/** The title inside a choose control: plain text for a server row, a slot the script fills in the template. */
export const pickTitle = (c: PickChoice, row: PickRow | null): Child => (row ? c.title : <span data-pick-title></span>);

export const PickerSearch = (p: PickerProps) => {
  const endpoint = `/api/v1/items/pick?for=${p.purpose}${p.except ? `&except=${p.except}` : ''}`;
  return (
    <div class="gk-picker" data-item-picker data-endpoint={endpoint} data-results={resultsId(p.name)}>
      <form method="get" action={p.action} class="gk-form gk-search-form gk-picker__search" role="search" aria-label={p.label}>
        {Object.entries(p.keep ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        <div class="gk-field gk-picker__field">
          <label for={`f-${p.name}`}>{p.label}</label>
          <p class="gk-hint" id={`h-${p.name}`}>可输入标题、文号、索引号或发布机构中的词语，然后选“查找”</p>
          <input id={`f-${p.name}`} name={p.param} type="search" value={p.q} maxlength={100} autocomplete="off" aria-describedby={`h-${p.name}`} />
        </div>
        <button type="submit" class="gk-button gk-button--secondary">查找</button>
      </form>
      <p class="visually-hidden" role="status" aria-live="polite" data-picker-status></p>
      {(p.results ?? 'here') === 'here' ? <PickerResults {...p} /> : null}
      <script src="/static/picker.js" defer></script>
    </div>
  );
};

const Choice = (p: PickerProps & { row: PickRow }) => {
  const off = p.unavailable?.(p.row) ?? null;
  return (
    <li class="gk-picker__choice">
      <span data-pick-label>{describePick(p.row)}</span>{' '}
      {off ? <span class="gk-hint">（{off}）</span> : p.choose({ id: String(p.row.id), title: p.row.title }, p.row)}
    </li>
  );
};

/** The results of the no-JS search (or the kept choice), and the template the script fills. */
export const PickerResults = (p: PickerProps) => {
  const shown = p.rows ?? (p.chosen ? [p.chosen] : null);
  const list = p.rows && p.chosen && !p.rows.some((r) => r.id === p.chosen!.id) ? [p.chosen, ...p.rows] : shown;
  return (
    <div id={resultsId(p.name)} class="gk-picker__results" data-picker-results>
      {list === null ? null : list.length ? (
        <ul class="gk-list gk-picker__list" aria-label={p.rows ? '查找结果' : '已选择'}>
          {list.map((row) => <Choice {...p} row={row} />)}
        </ul>
      ) : <p class="gk-hint" role="status">没有找到标题、文号、索引号或发布机构含“{p.q}”的可选信息。</p>}
      <template data-picker-choice>
        <li class="gk-picker__choice"><span data-pick-label></span>{' '}{p.choose({ id: '', title: '' }, null)}</li>
      </template>
    </div>
  );
};
