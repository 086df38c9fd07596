// crosscheck web page. Every element is built with createElement and every piece of source
// text is set with textContent or a text node: no HTML string is ever parsed, so markup in an
// article can only ever be shown, never run.
'use strict';

const main = document.getElementById('main');

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function getJSON(url) {
  const resp = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await resp.json().catch(() => null);
  if (!resp.ok) {
    const detail = body && body.detail ? body.detail : resp.statusText;
    throw new Error(detail);
  }
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function failure(err) {
  show(el('p', { class: 'error' }, 'Could not load: ', err.message));
}

// ---------------------------------------------------------------- story list

async function renderList(params) {
  const q = params.get('q') || '';
  const since = params.get('since') || '';
  const qInput = el('input', { type: 'search', name: 'q', placeholder: 'words in the articles', value: q });
  const sinceInput = el('input', { type: 'date', name: 'since', value: since });
  const form = el('form', { class: 'search' }, qInput, sinceInput, el('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    if (qInput.value.trim()) p.set('q', qInput.value.trim());
    if (sinceInput.value) p.set('since', sinceInput.value);
    location.hash = '#/?' + p.toString();
  });
  const list = el('ul', { class: 'stories', id: 'stories' });
  const more = el('button', { class: 'more', type: 'button', hidden: true }, 'More stories');
  show(el('h1', {}, 'Stories'), form, list, more);
  let cursor = null;
  async function page() {
    const p = new URLSearchParams({ limit: '50' });
    if (q) p.set('q', q);
    if (since) p.set('since', since);
    if (cursor) p.set('cursor', cursor);
    const data = await getJSON('/api/stories?' + p.toString());
    for (const s of data.stories) list.append(storyItem(s));
    if (!list.children.length) list.append(el('li', { class: 'empty' }, 'No story matches.'));
    cursor = data.next;
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => page().catch(failure));
  await page();
}

function dateRange(first, last) {
  if (!first && !last) return 'undated';
  return first === last || !first ? last : `${first} – ${last}`;
}

function storyItem(s) {
  return el('li', {},
    el('a', { href: '#/story/' + encodeURIComponent(s.id) }, s.headline),
    el('p', { class: 'meta' },
      `${s.articles} article${s.articles === 1 ? '' : 's'} · ${dateRange(s.first_published, s.last_published)}`,
      s.outlets.length ? ' · ' + s.outlets.join(', ') : ''));
}

// ---------------------------------------------------------------- one story

let articleNames = new Map();

function outletOf(id) {
  return articleNames.get(id) || id;
}

function badges(ids) {
  return el('span', { class: 'badges' },
    (ids || []).map((id) => el('span', { class: 'badge', title: id }, outletOf(id))));
}

/** A button that opens a span's article with the span highlighted. */
function spanButton(span, cls, ...content) {
  return el('button', {
    type: 'button', class: cls, 'data-article': span.article,
    onclick: (ev) => { ev.stopPropagation(); openSpan(span); },
  }, ...content);
}

async function renderStory(id) {
  const doc = await getJSON('/api/stories/' + encodeURIComponent(id));
  const story = doc.stories[0];
  articleNames = new Map(story.articles.map((a) => [a.id, a.outlet || a.title || a.id]));
  document.title = story.headline + ' · crosscheck';
  show(
    el('p', { class: 'meta' }, el('a', { href: '#/' }, '← all stories')),
    el('h1', { id: 'headline' }, story.headline),
    sourcesSection(story.articles, story.reuse),
    claimsSection(story.claims || []),
    conflictsSection(story.conflicts || []),
    quotesSection(story.quotes || []),
    entitiesSection(story.entities || []),
    timelineSection(story.timeline || []),
    reuseSection(story.articles, story.reuse),
  );
}

function section(title, id, ...body) {
  return el('section', { id }, el('h2', {}, title), ...body);
}

function sourcesSection(articles, reuse) {
  return section(`Sources (${articles.length})`, 'sources',
    el('ul', { class: 'sources' }, articles.map((a) => el('li', { 'data-source': a.id },
      el('div', { class: 'outlet' }, a.outlet || a.id),
      el('div', { class: 'meta' }, [a.published || 'undated', a.language].filter(Boolean).join(' · ')),
      a.title ? el('div', {}, a.title) : null,
      a.duplicate_of ? el('div', { class: 'meta' }, 'duplicate of ', outletOf(a.duplicate_of)) : null,
      (a.removed || []).length ? el('div', { class: 'meta' }, `${a.removed.length} lines of page chrome removed`) : null,
      reuseSummary(a.id, reuse),
    ))));
}

// ---------------------------------------------------------------- text reuse

const RELATION_LABEL = { from: 'copied from', by: 'copied by', shares: 'shares text with' };

/** The reuse links of one source: {relation, other, edge, share, mine, theirs}. */
function reuseLinks(id, reuse) {
  if (!reuse) return [];
  const order = { from: 0, by: 1, shares: 2 };
  return (reuse.edges || []).filter((e) => e.a === id || e.b === id).map((e) => {
    const isA = e.a === id;
    const source = e.direction === 'a_to_b' ? e.a : e.direction === 'b_to_a' ? e.b : null;
    const relation = source === null ? 'shares' : source === id ? 'by' : 'from';
    return {
      relation, edge: e, other: isA ? e.b : e.a, share: isA ? e.share_a : e.share_b,
      passages: (e.passages || []).map((p) => (isA ? { mine: p.a, theirs: p.b } : { mine: p.b, theirs: p.a })),
    };
  }).sort((x, y) => order[x.relation] - order[y.relation]);
}

function percent(share) {
  return Math.round(Number(share) * 100) + '%';
}

/** One line per relation under a source: "copied from AP Wire · copied by Site B". */
function reuseSummary(id, reuse) {
  const links = reuseLinks(id, reuse);
  const credit = reuse ? (reuse.credits || []).find((c) => c.article === id) : null;
  if (!links.length && !credit) return null;
  const groups = {};
  for (const l of links) (groups[l.relation] = groups[l.relation] || []).push(outletOf(l.other));
  return el('div', { class: 'meta reuse-summary' },
    Object.entries(groups).flatMap(([rel, names], i) => [i ? ' · ' : '', RELATION_LABEL[rel] + ' ', names.join(', ')]),
    credit ? (links.length ? ' · ' : '') + 'credits ' + credit.agency : null);
}

function reuseSection(articles, reuse) {
  const edges = reuse ? reuse.edges || [] : [];
  if (!edges.length) {
    return section('Copied text', 'reuse', el('p', { class: 'empty' },
      reuse ? 'No source shares a passage with another: every source wrote its own text.' : 'Text reuse was not checked for this story.'));
  }
  const intro = el('p', { class: 'note' },
    'Passages two sources share word for word (up to light edits). Direction is shown only when the publication dates decide it; words that differ between the two sides are marked.');
  const clusters = (reuse.clusters || []).map((c) => el('div', { class: 'card cluster' },
    el('strong', {}, c.origin ? 'Origin: ' + outletOf(c.origin) : 'Origin unknown'),
    el('span', { class: 'meta' }, c.agency ? ` (credits ${c.agency})` : c.origin ? ` (${c.basis})` : ' (no credit, and the dates do not decide it)'),
    ' ', badges(c.articles)));
  const sources = articles.map((a) => {
    const links = reuseLinks(a.id, reuse);
    if (!links.length) return null;
    return el('div', { class: 'card reuse-source', 'data-source': a.id },
      el('div', { class: 'outlet' }, outletOf(a.id)),
      links.map((l) => el('details', { class: 'reuse-link ' + l.relation },
        el('summary', {}, RELATION_LABEL[l.relation] + ' ', el('strong', {}, outletOf(l.other)),
          el('span', { class: 'meta' }, ` · ${percent(l.share)} of this source · ${l.passages.length} passage${l.passages.length === 1 ? '' : 's'}${l.edge.same_outlet ? ' · same outlet' : ''}`)),
        el('div', { class: 'side-by-side' },
          el('div', { class: 'col-head' }, outletOf(a.id)), el('div', { class: 'col-head' }, outletOf(l.other)),
          l.passages.flatMap((p) => [
            spanButton(p.mine, 'evidence passage', el('mark', { class: 'shared' }, diffed(p.mine.text, p.theirs.text))),
            spanButton(p.theirs, 'evidence passage', el('mark', { class: 'shared' }, diffed(p.theirs.text, p.mine.text))),
          ])))));
  });
  return section('Copied text', 'reuse', intro, clusters, sources);
}

const STATUS_LABEL = { consensus: 'all sources', majority: 'most sources', single: 'one source', disputed: 'disputed' };

function claimsSection(claims) {
  const legend = el('p', { class: 'legend' }, Object.entries(STATUS_LABEL).map(([k, v]) =>
    el('span', {}, el('span', { class: 'status ' + k }, k), v)));
  if (!claims.length) return section('Claims', 'claims', el('p', { class: 'empty' }, 'No claims.'));
  return section('Claims', 'claims', legend, claims.map((c, i) => {
    const first = (c.renderings || [])[0];
    const body = [el('span', { class: 'status ' + c.status }, c.status), el('span', { class: 'text' }, c.text), badges(c.articles), originsNote(c)];
    if (!first) return el('div', { class: 'claim ' + c.status }, ...body);
    const b = spanButton(first, 'claim ' + c.status, ...body);
    b.setAttribute('data-claim', String(i));
    b.title = 'Open the source sentence';
    return b;
  }));
}

/** "4 outlets · 2 independent origins", when the story carries the counts. */
function originsNote(item) {
  if (item.origins === undefined || item.origins === null) return null;
  const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const outlets = item.outlets === undefined || item.outlets === null ? '' : plural(item.outlets, 'outlet') + ' · ';
  return el('span', { class: 'origins', title: 'Copies of one passage, or articles crediting one agency, count as one origin' },
    outlets + plural(item.origins, 'independent origin'));
}

function conflictsSection(conflicts) {
  if (!conflicts.length) return section('Conflicts', 'conflicts', el('p', { class: 'empty' }, 'The sources do not contradict each other.'));
  return section('Conflicts', 'conflicts', conflicts.map((c) => el('div', { class: 'card conflict' },
    el('div', {}, el('span', { class: 'status disputed' }, c.kind), c.topic),
    (c.sides || []).map((side) => el('div', { class: 'side' },
      el('span', { class: 'value' }, side.value), badges(side.articles), originsNote(side),
      (side.evidence || []).map((ev) => spanButton(ev, 'evidence', el('span', { class: 'who' }, outletOf(ev.article) + ': '), ev.text)))))));
}

/** Splits text into words and the spaces between them. */
function tokens(text) {
  return text.split(/(\s+)/).filter((t) => t.length);
}

function norm(w) {
  return w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Which words of `a` are not in a longest common subsequence with `b` (by normalised word). */
function changedWords(a, b) {
  const wa = a.filter((t) => !/^\s+$/.test(t)).map(norm);
  const wb = b.filter((t) => !/^\s+$/.test(t)).map(norm);
  const n = wa.length, m = wb.length;
  if (n * m > 250000) return new Set();
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = wa[i] === wb[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const changed = new Set();
  let i = 0, j = 0;
  while (i < n) {
    if (j < m && wa[i] === wb[j]) { i++; j++; }
    else if (j < m && dp[i][j + 1] > dp[i + 1][j]) j++;
    else { changed.add(i); i++; }
  }
  return changed;
}

/** A rendering's text with the words that differ from `reference` marked. */
function diffed(text, reference) {
  const mine = tokens(text);
  const changed = reference === null ? new Set() : changedWords(mine, tokens(reference));
  const out = el('span', { class: 'wording' });
  let w = 0;
  for (const t of mine) {
    if (/^\s+$/.test(t)) { out.append(document.createTextNode(t)); continue; }
    out.append(changed.has(w) ? el('mark', { class: 'diff' }, t) : document.createTextNode(t));
    w++;
  }
  return out;
}

function quotesSection(quotes) {
  if (!quotes.length) return section('Quotes', 'quotes', el('p', { class: 'empty' }, 'No quotes.'));
  return section('Quotes', 'quotes', el('p', { class: 'note' }, 'Words that differ from the first outlet\u2019s wording are highlighted.'),
    quotes.map((q) => {
      const renderings = q.renderings || [];
      const reference = renderings.length > 1 ? renderings[0].text : null;
      return el('div', { class: 'card quote' },
        el('div', { class: 'who' }, q.speaker || 'Unattributed', ' ', originsNote(q)),
        renderings.map((r, i) => el('div', { class: 'rendering' },
          spanButton(r, 'evidence', el('span', { class: 'who' }, outletOf(r.article) + ': '),
            i === 0 ? diffed(r.text, null) : diffed(r.text, reference)))));
    }));
}

function entitiesSection(entities) {
  if (!entities.length) return section('Entities', 'entities', el('p', { class: 'empty' }, 'No entities.'));
  return section('Entities', 'entities', el('div', { class: 'entities' }, entities.map((e) => el('div', { class: 'card entity' },
    el('div', {}, el('strong', {}, e.name), el('span', { class: 'kind' }, e.kind)),
    (e.variants || []).length > 1 ? el('div', { class: 'meta' }, 'also: ', e.variants.filter((v) => v !== e.name).join(' · ')) : null,
    badges(e.articles)))));
}

function timelineSection(items) {
  if (!items.length) return section('Timeline', 'timeline', el('p', { class: 'empty' }, 'No dated events.'));
  return section('Timeline', 'timeline', el('ol', { class: 'timeline' }, items.map((t) => {
    const ev = (t.evidence || [])[0];
    return el('li', {},
      el('span', { class: 'date' }, t.date), t.inferred ? el('span', { class: 'inferred' }, '(inferred)') : null, ' ',
      ev ? spanButton(ev, 'evidence', t.text) : el('span', {}, t.text), badges(t.articles));
  })));
}

// ---------------------------------------------------------------- source viewer

const viewer = document.getElementById('viewer');
document.getElementById('viewer-close').addEventListener('click', () => { viewer.hidden = true; });
document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') viewer.hidden = true; });

/** Opens a span's article and highlights bytes start..end of its raw text. */
async function openSpan(span) {
  const title = document.getElementById('viewer-title');
  const meta = document.getElementById('viewer-meta');
  const note = document.getElementById('viewer-note');
  const text = document.getElementById('viewer-text');
  viewer.hidden = false;
  title.textContent = outletOf(span.article);
  meta.textContent = '';
  note.textContent = 'Loading…';
  text.replaceChildren();
  let a;
  try {
    a = await getJSON('/api/articles/' + encodeURIComponent(span.article));
  } catch (err) {
    note.textContent = 'Could not load the article: ' + err.message;
    return;
  }
  title.textContent = a.title || a.outlet || a.id;
  meta.replaceChildren([a.outlet, a.published, a.source].filter(Boolean).join(' · '));
  if (a.url && /^https?:\/\//i.test(a.url)) {
    meta.append(' · ', el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original'));
  }
  // Spans are UTF-8 byte offsets into the raw content.
  const bytes = new TextEncoder().encode(a.raw);
  const dec = new TextDecoder();
  const start = Number(span.start), end = Number(span.end);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length)) {
    note.textContent = 'The span is outside this article\u2019s text.';
    text.textContent = a.raw;
    return;
  }
  note.textContent = 'The highlighted passage is what the claim rests on.';
  const mark = el('mark', { id: 'highlight' }, dec.decode(bytes.subarray(start, end)));
  text.replaceChildren(dec.decode(bytes.subarray(0, start)), mark, dec.decode(bytes.subarray(end)));
  mark.scrollIntoView({ block: 'center' });
}

// ---------------------------------------------------------------- routing

function route() {
  viewer.hidden = true;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const m = path.match(/^\/story\/(.+)$/);
  const done = m ? renderStory(decodeURIComponent(m[1])) : renderList(new URLSearchParams(query || ''));
  done.catch(failure);
}

window.addEventListener('hashchange', route);
route();
