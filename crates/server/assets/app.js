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
    el('a', { href: '#/story/' + encodeURIComponent(s.id) }, shown(s.headline)),
    el('p', { class: 'meta' },
      `${count(s.articles, 'article')} · ${dateRange(s.first_published, s.last_published)}`,
      s.outlets.length ? ' · ' + s.outlets.map(shown).join(', ') : ''));
}

// ---------------------------------------------------------------- text as a person sees it

// The named entities news pages use; any other stays as written. Numeric ones are all decoded.
const NAMED = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '', mdash: '\u2014',
  ndash: '\u2013', minus: '\u2212', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019',
  sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e', laquo: '\u00ab',
  raquo: '\u00bb', middot: '\u00b7', bull: '\u2022', deg: '\u00b0', copy: '\u00a9',
  reg: '\u00ae', trade: '\u2122', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2',
  times: '\u00d7', divide: '\u00f7', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
  eacute: '\u00e9', egrave: '\u00e8', aacute: '\u00e1', agrave: '\u00e0', iacute: '\u00ed',
  oacute: '\u00f3', uacute: '\u00fa', ntilde: '\u00f1', ccedil: '\u00e7', uuml: '\u00fc',
  ouml: '\u00f6', auml: '\u00e4', szlig: '\u00df', Eacute: '\u00c9', Uuml: '\u00dc',
  Ouml: '\u00d6', Auml: '\u00c4', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
  zwj: '\u200d', zwnj: '\u200c', prime: '\u2032', Prime: '\u2033',
};

/** Decodes HTML entities exactly once: `&amp;mdash;` becomes `&mdash;`, not a dash. */
function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    return Object.prototype.hasOwnProperty.call(NAMED, e) ? NAMED[e] : m;
  });
}

// Bidirectional embeddings, overrides and isolates: one unbalanced override in an article
// would reverse the page after it.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** A text (title, claim) as a person reads it: entities decoded once, controls removed. */
function shown(s) {
  return decodeEntities(String(s ?? '')).replace(BIDI, '').replace(CONTROLS, '');
}

/** A source span (raw bytes of a page) as a person reads it: tags dropped, then `shown`. */
function spanShown(s) {
  return shown(String(s ?? '').replace(/<[a-zA-Z/!][^<>]*>/g, ''));
}

/** `n` and `noun` in the right number: `1 report`, `2 reports`, `2 stories`. */
function count(n, noun) {
  if (n === 1) return `1 ${noun}`;
  const plural = /[^aeou]y$/.test(noun) ? noun.slice(0, -1) + 'ies' : noun + 's';
  return `${n} ${plural}`;
}

// ---------------------------------------------------------------- one story

let articleNames = new Map();

function outletOf(id) {
  return articleNames.get(id) || id;
}

function hostOf(url) {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** A name that is only a content hash (an unnamed upload) says nothing to a reader. */
function isHash(name) {
  return /^(upload-)?[0-9a-f]{10,}$/i.test(name);
}

/** The file an article came from, without folders, extensions or record numbers. */
function fileName(source) {
  if (!source || source === '-') return null;
  const base = String(source).split(/[\\/]/).pop().replace(/[:#]\d+$/, '').replace(/\.gz$/i, '').replace(/\.[A-Za-z0-9]+$/, '');
  return base && !isHash(base) ? base : null;
}

/** The name a person knows an article by: the outlet, else the URL's host, else the file. */
function nameOf(a, meta, n) {
  return shown(a.outlet).trim() || hostOf(meta && meta.url) || fileName(meta && meta.source)
    || (isHash(a.id) ? `unnamed source ${n + 1}` : shown(a.id));
}

function badges(ids) {
  return el('span', { class: 'badges' },
    (ids || []).map((id) => el('span', { class: 'badge', title: id }, outletOf(id))));
}

/** A button that opens a span's article with the span highlighted; the offsets on hover. */
function spanButton(span, cls, ...content) {
  return el('button', {
    type: 'button', class: cls, 'data-article': span.article,
    title: `${outletOf(span.article)}, bytes ${span.start}..${span.end}: open the source`,
    onclick: (ev) => { ev.stopPropagation(); openSpan(span); },
  }, ...content);
}

/** A link that scrolls to the element `id` on this page (the hash is the route). */
function jump(id, ...content) {
  return el('a', {
    href: location.hash, class: 'jump', 'data-target': id,
    onclick: (ev) => {
      ev.preventDefault();
      const target = document.getElementById(id);
      if (target) { target.scrollIntoView({ block: 'center' }); target.classList.add('flash'); }
    },
  }, ...content);
}

/** Whether two spans of the same article overlap. */
function overlaps(a, b) {
  return a.article === b.article && a.start < b.end && b.start < a.end;
}

/** The index of the conflict claim `c` is a side of, or -1. */
function conflictOf(story, c) {
  return (story.conflicts || []).findIndex((k) => (k.sides || []).some((s) =>
    (s.evidence || []).some((e) => (c.renderings || []).some((r) => overlaps(e, r)))));
}

async function renderStory(id) {
  const doc = await getJSON('/api/stories/' + encodeURIComponent(id));
  const story = doc.stories[0];
  // Each article's URL and file, for its name and its link; a failure only costs the link.
  const metas = await Promise.all(story.articles.map((a) =>
    getJSON('/api/articles/' + encodeURIComponent(a.id)).catch(() => null)));
  const meta = new Map(story.articles.map((a, i) => [a.id, metas[i]]));
  articleNames = new Map(story.articles.map((a, i) => [a.id, nameOf(a, metas[i], i)]));
  document.title = shown(story.headline) + ' · crosscheck';
  const distinct = story.articles.filter((a) => !a.duplicate_of).length;
  show(
    el('p', { class: 'meta' }, el('a', { href: '#/' }, '← all stories')),
    el('h1', { id: 'headline' }, shown(story.headline)),
    el('p', { class: 'meta' }, `${count(distinct, 'report')} in ${count(story.articles.length, 'article')}`),
    summarySection(story, distinct),
    legendSection(),
    claimsSection(story, distinct),
    conflictsSection(story.conflicts || []),
    quotesSection(story.quotes || []),
    timelineSection(story.timeline || []),
    reuseSection(story.articles, story.reuse),
    entitiesSection(story.entities || []),
    sourcesSection(story.articles, meta, story.reuse),
  );
}

function section(title, id, ...body) {
  return el('section', { id }, el('h2', {}, title), ...body);
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
    credit ? (links.length ? ' · ' : '') + 'credits ' + shown(credit.agency) : null);
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
    el('span', { class: 'meta' }, c.agency ? ` (credits ${shown(c.agency)})` : c.origin ? ` (${c.basis})` : ' (no credit, and the dates do not decide it)'),
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
            spanButton(p.mine, 'evidence passage', el('mark', { class: 'shared' }, diffed(spanShown(p.mine.text), spanShown(p.theirs.text)))),
            spanButton(p.theirs, 'evidence passage', el('mark', { class: 'shared' }, diffed(spanShown(p.theirs.text), spanShown(p.mine.text)))),
          ])))));
  });
  return section('Copied text', 'reuse', intro, clusters, sources);
}

function summarySection(story, distinct) {
  const outlets = [...new Set(story.articles.map((a) => outletOf(a.id)))];
  const copies = story.articles.length - distinct;
  const claims = story.claims || [];
  const agreed = claims.map((c, i) => [c, i]).filter(([c]) => c.status === 'consensus');
  const single = claims.map((c, i) => [c, i]).filter(([c]) => c.status === 'single');
  const conflicts = story.conflicts || [];
  const claimLine = ([c, i]) => el('li', {}, jump('claim-' + i, shown(c.text)), ' ', badges(c.articles));
  return section('Summary', 'summary', el('ul', { class: 'summary' },
    el('li', { id: 'summary-sources' }, el('b', {}, 'Sources: '),
      `${count(outlets.length, 'outlet')} (${outlets.join(', ')}); ${count(distinct, 'independent report')}`,
      copies ? `, ${count(copies, 'copy')} counted once` : ''),
    el('li', { id: 'summary-agreed' }, el('b', {}, 'Agreed by every report: '),
      agreed.length ? [count(agreed.length, 'claim'), el('ul', {}, agreed.map(claimLine))] : 'nothing'),
    el('li', { id: 'summary-disputed' }, el('b', {}, 'Disputed: '),
      conflicts.length
        ? [count(conflicts.length, 'conflict'), el('ul', {}, conflicts.map((k, n) => el('li', { class: 'conflict-line' },
          jump('conflict-' + n, `${k.kind}: ${shown(k.topic)}`), ': ',
          (k.sides || []).map((s) => `${shown(s.value)} (${(s.articles || []).map(outletOf).join(', ')})`).join(' vs '))))]
        : 'nothing; the reports do not contradict each other'),
    el('li', { id: 'summary-single' }, el('b', {}, 'Only one report says: '),
      single.length ? [count(single.length, 'claim'), el('ul', {}, single.map(claimLine))] : 'nothing'),
  ));
}

const STATUS_MEANING = {
  consensus: 'every independent report carries it',
  majority: 'more than half of the independent reports carry it, but not all',
  several: 'more than one independent report carries it, but no more than half',
  single: 'only one independent report carries it',
  disputed: 'the reports disagree about it: see its conflict',
};

function legendSection() {
  return section('Legend', 'legend', el('dl', { class: 'legend' },
    Object.entries(STATUS_MEANING).flatMap(([k, v]) => [el('dt', {}, el('span', { class: 'status ' + k }, k)), el('dd', {}, v)])),
  el('p', { class: 'note' }, '\u201c2 of 3 reports\u201d counts independent reports: a wire copy or any other duplicate of an article counts once, with the article it copies.'));
}

function claimsSection(story, distinct) {
  const claims = story.claims || [];
  if (!claims.length) return section('Claims', 'claims', el('p', { class: 'empty' }, 'No claims.'));
  return section('Claims', 'claims', claims.map((c, i) => {
    const first = (c.renderings || [])[0];
    const body = [
      el('span', { class: 'status ' + c.status, title: STATUS_MEANING[c.status] || '' }, c.status),
      el('span', { class: 'support' }, `${c.support} of ${count(distinct, 'report')}`),
      claimText(c), badges(c.articles), originsNote(c)];
    const row = el('div', { class: 'claim-row', id: 'claim-' + i });
    if (!first) {
      row.append(el('div', { class: 'claim ' + c.status }, ...body));
    } else {
      const b = spanButton(first, 'claim ' + c.status, ...body);
      b.setAttribute('data-claim', String(i));
      row.append(b);
    }
    if (c.status === 'disputed') {
      const n = conflictOf(story, c);
      row.append(jump(n >= 0 ? 'conflict-' + n : 'conflicts', 'see the conflict'));
    }
    return row;
  }));
}

/**
 * A claim's text with its fact (what it is about, when narrower than the sentence) marked, or
 * given after the text when the text does not hold the fact's words as written.
 */
function claimText(c) {
  const text = shown(c.text);
  const fact = c.fact ? spanShown(c.fact.text) : '';
  if (!fact.trim() || fact === text) return el('span', { class: 'text' }, text);
  const at = text.indexOf(fact);
  if (at < 0) return el('span', { class: 'text' }, text, ' ', el('span', { class: 'fact-note' }, 'about: ' + fact));
  return el('span', { class: 'text' }, text.slice(0, at), el('mark', { class: 'fact', title: 'what this claim is about' }, fact), text.slice(at + fact.length));
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
  return section('Conflicts', 'conflicts', conflicts.map((c, n) => el('div', { class: 'card conflict', id: 'conflict-' + n },
    el('div', {}, el('span', { class: 'status disputed' }, c.kind), shown(c.topic)),
    (c.sides || []).map((side) => el('div', { class: 'side' },
      el('span', { class: 'value' }, shown(side.value)), badges(side.articles), originsNote(side),
      (side.evidence || []).map((ev) => spanButton(ev, 'evidence', el('span', { class: 'who' }, outletOf(ev.article) + ': '), spanShown(ev.text))))))));
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

/** A wording with the words that differ from `reference` marked (none without one). */
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
  return section('Quotes', 'quotes', el('p', { class: 'note' }, 'Highlighted: the words that differ between two outlets\u2019 wordings.'),
    quotes.map((q) => {
      const renderings = q.renderings || [];
      const texts = renderings.map((r) => spanShown(r.text));
      // The first wording is compared with the second, every other with the first.
      const reference = (i) => (texts.length < 2 ? null : texts[i === 0 ? 1 : 0]);
      return el('div', { class: 'card quote' },
        el('div', { class: 'who' }, shown(q.speaker) || 'Unattributed', ' ', originsNote(q)),
        renderings.map((r, i) => el('div', { class: 'rendering' },
          spanButton(r, 'evidence', el('span', { class: 'who' }, outletOf(r.article) + ': '), diffed(texts[i], reference(i))))));
    }));
}

function entitiesSection(entities) {
  if (!entities.length) return section('Entities', 'entities', el('p', { class: 'empty' }, 'No entities.'));
  return section('Entities', 'entities', el('div', { class: 'entities' }, entities.map((e) => el('div', { class: 'card entity' },
    el('div', {}, el('strong', {}, shown(e.name)), el('span', { class: 'kind' }, e.kind)),
    (e.variants || []).length > 1 ? el('div', { class: 'meta' }, 'also: ', e.variants.filter((v) => v !== e.name).map(shown).join(' · ')) : null,
    badges(e.articles)))));
}

function timelineSection(items) {
  if (!items.length) return section('Timeline', 'timeline', el('p', { class: 'empty' }, 'No dated events.'));
  return section('Timeline', 'timeline', el('ol', { class: 'timeline' }, items.map((t) => {
    const ev = (t.evidence || [])[0];
    return el('li', {},
      el('span', { class: 'date' }, t.date), t.inferred ? el('span', { class: 'inferred' }, '(inferred)') : null, ' ',
      ev ? spanButton(ev, 'evidence', shown(t.text)) : el('span', {}, shown(t.text)), badges(t.articles));
  })));
}

function sourcesSection(articles, meta, reuse) {
  return section(`Sources (${articles.length})`, 'sources',
    el('ul', { class: 'sources' }, articles.map((a) => {
      const m = meta.get(a.id);
      const url = m && m.url && /^https?:\/\//i.test(m.url) ? m.url : null;
      const name = outletOf(a.id);
      return el('li', { 'data-source': a.id },
        el('div', { class: 'outlet' }, url ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, name) : name),
        el('div', { class: 'meta' }, [a.published || 'undated', a.language].filter(Boolean).join(' · ')),
        a.title ? el('div', {}, shown(a.title)) : null,
        a.duplicate_of ? el('div', { class: 'meta' }, 'copy of ', outletOf(a.duplicate_of), ', counted once') : null,
        (a.removed || []).length ? el('div', { class: 'meta' }, `${count(a.removed.length, 'line')} of page chrome removed`) : null,
        reuseSummary(a.id, reuse));
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
  title.textContent = shown(a.title) || outletOf(a.id);
  meta.replaceChildren([outletOf(a.id), a.published, a.source].filter(Boolean).map(shown).join(' · '));
  if (a.url && /^https?:\/\//i.test(a.url)) {
    meta.append(' · ', el('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original'));
  }
  // Spans are UTF-8 byte offsets into the raw content.
  const bytes = new TextEncoder().encode(a.raw);
  const dec = new TextDecoder();
  const start = Number(span.start), end = Number(span.end);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= bytes.length)) {
    note.textContent = 'The span is outside this article\u2019s text.';
    text.textContent = a.raw.replace(BIDI, '');
    return;
  }
  note.textContent = 'The highlighted passage is what the claim rests on.';
  // The source as it is, but without bidi controls, which could reorder what follows them.
  const piece = (a, b) => dec.decode(bytes.subarray(a, b)).replace(BIDI, '');
  const mark = el('mark', { id: 'highlight' }, piece(start, end));
  text.replaceChildren(piece(0, start), mark, piece(end, bytes.length));
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
