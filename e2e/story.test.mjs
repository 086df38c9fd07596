// End-to-end test of the crosscheck page in Debian's headless Chromium (see run.sh).
//
// Env: BASE_URL (a running `crosscheck serve`), SHOT_DIR (where screenshots go),
// CHROMIUM (by default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SHOT_DIR || mkdtempSync(join(tmpdir(), 'crosscheck-shots-'));
assert.ok(BASE, 'BASE_URL must name a running crosscheck server');

let context;

before(async () => {
  // A fresh profile for every run; Playwright takes it as the persistent context's folder.
  const profile = mkdtempSync(join(tmpdir(), 'crosscheck-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await context?.close();
});

async function api(path) {
  const resp = await fetch(BASE + path);
  assert.equal(resp.status, 200, `${path}: ${resp.status}`);
  return resp.json();
}

/** A page that records script errors and requests leaving the server. */
async function openPage() {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(BASE) && !r.url().startsWith('data:')) problems.push(`request off the server: ${r.url()}`);
  });
  return { page, problems };
}

/** The story with the most articles among those the query finds, and its document. */
async function biggestStory(query) {
  const list = await api('/api/stories?limit=500' + (query ? '&q=' + encodeURIComponent(query) : ''));
  assert.ok(list.stories.length > 0, `no story for ${query || 'the corpus'}`);
  const best = [...list.stories].sort((a, b) => b.articles - a.articles)[0];
  return { summary: best, doc: await api('/api/stories/' + encodeURIComponent(best.id)) };
}

test('the story page shows the story and a claim opens its source span', async () => {
  const { summary, doc } = await biggestStory('');
  const story = doc.stories[0];
  const { page, problems } = await openPage();
  await page.goto(BASE + '/');
  await page.waitForSelector('#stories li a');
  await page.getByRole('link', { name: summary.headline, exact: true }).first().click();
  await page.waitForSelector('#headline');
  assert.equal(await page.textContent('#headline'), story.headline);
  const sources = await page.locator('#sources li').count();
  assert.equal(sources, story.articles.length, 'one source card per article');

  const claimIndex = story.claims.findIndex((c) => (c.renderings || []).length > 0);
  assert.ok(claimIndex >= 0, 'the story has a claim with a rendering');
  const claim = story.claims[claimIndex];
  const button = page.locator(`button.claim[data-claim="${claimIndex}"]`);
  assert.ok((await button.getAttribute('class')).includes(claim.status), 'coloured by status');
  await button.click();
  await page.waitForSelector('#highlight');
  const highlighted = await page.textContent('#highlight');
  assert.equal(highlighted, claim.renderings[0].text, 'the highlighted span is the claim rendering');
  assert.ok(await page.locator('#highlight').isVisible());
  const path = join(SHOTS, 'story.png');
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup and event handlers in articles are shown, never run', async () => {
  const { summary, doc } = await biggestStory('pwned');
  const { page, problems } = await openPage();
  await page.goto(BASE + '/#/?q=pwned');
  await page.waitForSelector('#stories li a');
  await page.goto(BASE + '/#/story/' + encodeURIComponent(summary.id));
  await page.waitForSelector('#headline');
  // Open every source span the page offers, so that all hostile text gets rendered.
  const story = doc.stories[0];
  const n = await page.locator('button.claim').count();
  assert.ok(n > 0, 'the hostile story has claims');
  let raw = '';
  for (let i = 0; i < n; i++) {
    await page.locator('button.claim').nth(i).click();
    await page.waitForSelector('#highlight');
    raw += await page.textContent('#viewer-text');
    await page.keyboard.press('Escape');
  }
  assert.ok(/<script>|onerror=|onload=/.test(raw), 'the markup is shown as text');
  // Hover everything, in case a handler attribute slipped through.
  for (const h of await page.locator('main *').all()) await h.hover({ trial: false, timeout: 200 }).catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from an article ran');
  assert.equal(await page.locator('main script, main img, main svg, main iframe, aside script, aside img, aside svg, aside iframe').count(), 0);
  assert.ok(story.claims.some((c) => /<|onerror|onload/.test(c.text)) || /<script>/.test(raw));
  await page.screenshot({ path: join(SHOTS, 'hostile.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('copied text shows who copied whom, the shared passages side by side', async () => {
  const { summary, doc } = await biggestStory('');
  const story = doc.stories[0];
  const edges = (story.reuse || {}).edges || [];
  assert.ok(edges.length > 0, 'the demo story holds a near copy of the wire report');
  const { page, problems } = await openPage();
  await page.goto(BASE + '/#/story/' + encodeURIComponent(summary.id));
  await page.waitForSelector('#reuse');
  const edge = edges[0];
  // The source card names the other side of the edge.
  const summaryLine = page.locator(`#sources li[data-source="${edge.a}"] .reuse-summary`);
  assert.match(await summaryLine.textContent(), /copied from|copied by|shares text with/);
  // The passages open side by side: this source's words left, the other's right.
  const card = page.locator(`#reuse .reuse-source[data-source="${edge.a}"]`);
  await card.locator('summary').first().click();
  const marks = card.locator('details[open] mark.shared');
  assert.equal(await marks.count(), 2 * edge.passages.length);
  assert.equal(await marks.nth(0).textContent(), edge.passages[0].a.text);
  assert.equal(await marks.nth(1).textContent(), edge.passages[0].b.text);
  // A passage opens its article with exactly those bytes highlighted.
  await marks.nth(1).click();
  await page.waitForSelector('#highlight');
  assert.equal(await page.textContent('#highlight'), edge.passages[0].b.text);
  await page.keyboard.press('Escape');
  // Claims show independent origins beside outlets.
  const withOrigins = story.claims.filter((c) => c.origins !== undefined).length;
  assert.equal(await page.locator('#claims .origins').count(), withOrigins);
  await page.screenshot({ path: join(SHOTS, 'reuse.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

/** The text a person sees in the page's main area. */
async function visibleText(page) {
  return page.evaluate(() => document.getElementById('main').innerText);
}

test('the story page leads with a summary and a legend, and names every source', async () => {
  const { summary, doc } = await biggestStory('');
  const story = doc.stories[0];
  const { page, problems } = await openPage();
  await page.goto(BASE + '/#/story/' + encodeURIComponent(summary.id));
  await page.waitForSelector('#summary');
  // Summary first, then claims, quotes, timeline and sources.
  const order = await page.evaluate(() => [...document.querySelectorAll('main section')].map((s) => s.id));
  const at = (id) => order.indexOf(id);
  for (const id of ['summary', 'legend', 'claims', 'quotes', 'timeline', 'sources']) assert.ok(at(id) >= 0, `no #${id}`);
  assert.ok(at('summary') < at('legend') && at('legend') < at('claims') && at('claims') < at('quotes')
    && at('quotes') < at('timeline') && at('timeline') < at('sources'), order.join(' '));
  const text = await visibleText(page);
  assert.match(await page.textContent('#summary-sources'), /\d+ outlets? .*\d+ independent reports?/);
  // Each conflict is one summary line, linked to the conflict itself.
  const conflicts = story.conflicts || [];
  assert.equal(await page.locator('#summary-disputed li.conflict-line').count(), conflicts.length);
  for (let n = 0; n < conflicts.length; n++) {
    await page.locator(`#summary-disputed a.jump[data-target="conflict-${n}"]`).click();
    assert.ok(await page.locator(`#conflict-${n}`).isVisible());
  }
  // Every disputed claim links to its conflict; every claim shows its support.
  const claims = story.claims || [];
  for (const [i, c] of claims.entries()) {
    const row = page.locator(`#claim-${i}`);
    assert.match(await row.locator('.support').textContent(), new RegExp(`^${c.support} of \\d+ reports?$`));
    if (c.status === 'disputed') assert.equal(await row.locator('a.jump').count(), 1, `claim ${i} has no conflict link`);
  }
  // The legend explains every status word and how copies count.
  const legend = await page.textContent('#legend');
  for (const word of ['consensus', 'majority', 'single', 'disputed', 'wire copy']) assert.ok(legend.includes(word), word);
  // Byte offsets are on hover only; entities are decoded once; grammar agrees.
  assert.doesNotMatch(text, /\[\d+\.\.\d+\]|bytes \d+/);
  assert.match(await page.locator('button.claim').first().getAttribute('title'), /bytes \d+\.\.\d+/);
  assert.doesNotMatch(text, /&(amp|mdash|rsquo|lsquo|ldquo|rdquo|quot|nbsp);/);
  assert.doesNotMatch(text, /\b1 (reports|articles|stories|lines|outlets|claims|conflicts)\b/);
  // Sources: named by outlet, host or file, never a hash or a headline; linked when there is a URL.
  const titles = new Set(story.articles.map((a) => a.title).filter(Boolean));
  const names = await page.locator('#sources .outlet').allTextContents();
  assert.equal(names.length, story.articles.length);
  for (const n of names) {
    assert.ok(!/^(upload-)?[0-9a-f]{10,}$/i.test(n), `a hash as a name: ${n}`);
    assert.ok(!titles.has(n), `a headline as a name: ${n}`);
  }
  const withUrl = [];
  for (const a of story.articles) {
    const m = await api('/api/articles/' + encodeURIComponent(a.id));
    if (m.url && /^https?:/.test(m.url)) withUrl.push(m.url);
  }
  const links = await page.locator('#sources .outlet a').evaluateAll((as) => as.map((a) => a.href));
  for (const u of withUrl) assert.ok(links.includes(new URL(u).href), `no link to ${u}`);
  // Quote highlighting marks only words that differ: never a whole wording of two or more words.
  for (const r of await page.locator('.quote .rendering .wording').all()) {
    const words = (await r.textContent()).trim().split(/\s+/).length;
    const marks = await r.locator('mark').count();
    assert.ok(words < 2 || marks < words, 'every word of a wording is marked');
  }
  await page.screenshot({ path: join(SHOTS, 'summary.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('right-to-left overrides and control characters are stripped from the page', async () => {
  const { summary } = await biggestStory('Tollvik');
  const { page, problems } = await openPage();
  await page.goto(BASE + '/#/?q=Tollvik');
  await page.waitForSelector('#stories li a');
  assert.doesNotMatch(await visibleText(page), /[\u202a-\u202e\u2066-\u2069\u001b]/);
  await page.goto(BASE + '/#/story/' + encodeURIComponent(summary.id));
  await page.waitForSelector('#summary');
  const text = await visibleText(page);
  assert.doesNotMatch(text, /[\u202a-\u202e\u2066-\u2069\u001b]/);
  assert.ok(text.includes('Saturday \u2014 the parks office said'), 'the entity is decoded');
  await page.locator('button.claim').first().click();
  await page.waitForSelector('#highlight');
  assert.doesNotMatch(await page.textContent('#viewer-text'), /[\u202a-\u202e\u2066-\u2069]/);
  assert.deepEqual(problems, []);
  await page.close();
});
