// Headless Chromium on the sites nginx serves (and from disk):
//  - axe-core, WCAG 2.0/2.1 A and AA rules, on every page at 390 px and 1280 px;
//  - our own checks: one h1 and no skipped heading level, table headers, a visible focus on
//    every focusable element, a skip link that shows, no sideways scrolling on phones, the
//    theme's colour pairs at 4.5:1 (text) and 3:1 (focus ring), Japanese fonts present;
//  - the strict CSP of deploy/nginx.conf enforced by the browser: no violation, page styled;
//  - file:// browsing: portal → union → another page, styled;
//  - screenshots of each page type at both widths and the print view as PDF, into QA_OUT.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { env, filesUnder, Problems } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const publicDir = env('QA_PUBLIC');
const out = env('QA_OUT');
const rootUrl = env('QA_ROOT_URL');
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The federation's pages at scale, served under /scale/ (their 1,400 union sites are not checked
// page by page: they are the example unions' pages again).
const SCALE_PORTAL = 'scale/public/index.html';
const SCALE_PAGES = [SCALE_PORTAL, 'scale/public/contractors.html', 'scale/report/index.html'];
// A full-page screenshot stops at this height (the report's table at 1,400 rows is longer).
const MAX_SHOT_HEIGHT = 16000;

// Page types to photograph: [name, path under public/]. One line per page type.
const SHOTS = [
  ['portal', 'index.html'],
  ['index', 'tokyo-kiki/index.html'],
  ['purposes-list', 'example-osaka/purposes.html'],
  ['purposes-table', 'example-saitama/purposes.html'],
  ['purposes-narrative', 'kinki-denshi/purposes.html'],
  ['purposes-data-table', 'tokyo-kiki/purposes.html'],
  ['safety', 'minimal/safety.html'],
  ['requests', 'minimal/requests.html'],
  ['contact', 'tokyo-kiki/contact.html'],
  ['history', 'acom/history.html'],
  ['print-page', 'example-osaka/print.html'],
  ['contractors', 'contractors.html'],
  ['report', 'report/index.html'],
  ['report-union', 'report/example-osaka.html'],
  // At federation scale: 1,400 synthetic unions (qa/scale.mjs).
  ['portal-1400', SCALE_PORTAL],
  ['contractors-1400', 'scale/public/contractors.html'],
  ['report-1400', 'scale/report/index.html'],
];
// Print views saved as A4 PDF (print media). One line per page type.
const PRINTS = [
  ['print-purposes-list', 'example-osaka/purposes.html'],
  ['print-purposes-table', 'example-saitama/purposes.html'],
  ['print-whole-policy', 'example-osaka/print.html'],
  ['print-whole-policy-table', 'example-saitama/print.html'],
];

// The theme's colour pairs (custom properties of themes/default/static/style.css, or literal
// colours): [foreground, background, minimum ratio, what].
const COLOUR_PAIRS = [
  ['--text', '--bg', 4.5, 'body text'],
  ['--muted', '--bg', 4.5, 'muted text (tagline, dates)'],
  ['--accent', '--bg', 4.5, 'links'],
  ['--accent-dark', '--bg', 4.5, 'links on hover'],
  ['#ffffff', '--accent', 4.5, 'current page in the navigation'],
  ['--accent', '--tint', 4.5, 'links on the tinted band'],
  ['--text', '--tint', 4.5, 'table headers'],
  ['--text', '--tint-strong', 4.5, 'table section headers on phones'],
  ['--text', '--focus-bg', 4.5, 'focused link'],
  ['--mark', '--bg', 4.5, '＊ consent mark'],
  ['--muted', '#f4f6f8', 4.5, 'muted text in the footer'],
  ['--accent', '#f4f6f8', 4.5, 'links in the footer'],
  ['--text', '#fbf1f0', 4.5, 'consent legend'],
  ['--focus', '--bg', 3, 'focus ring'],
  ['--focus', '--tint', 3, 'focus ring on the tinted band'],
  ['--focus', '--focus-bg', 3, 'focus ring around a focused link'],
];

const problems = new Problems('browser');
const counts = { axeRuns: 0, axePasses: 0, focusables: 0, shots: 0, pdfs: 0 };

const browser = await chromium.launch({
  executablePath: env('QA_CHROMIUM'),
  args: ['--font-render-hinting=none'],
});
try {
  // The public sites, and the federation's report (served under /report/).
  const pages = [
    ...filesUnder(publicDir).filter((f) => f.endsWith('.html')),
    ...filesUnder(env('QA_REPORT'))
      .filter((f) => f.endsWith('.html'))
      .map((f) => `report/${f}`),
    ...SCALE_PAGES,
  ];
  await accessibility(pages);
  await strictCsp(pages);
  await fromDisk();
  await portalSearch();
  await pictures();
} finally {
  await browser.close();
}
problems.finish(
  `axe on ${counts.axeRuns} page loads (${counts.axePasses} rule passes), ` +
    `${counts.focusables} focus stops checked, ${counts.shots} screenshots, ${counts.pdfs} PDF(s) in ${out}`,
);

async function accessibility(pages) {
  for (const [label, viewport] of Object.entries(WIDTHS)) {
    const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'ja-JP' });
    const page = await context.newPage();
    for (const rel of pages) {
      const where = `${rel} @${viewport.width}px`;
      const res = await page.goto(rootUrl + rel, { waitUntil: 'load' });
      if (!res || res.status() !== 200) {
        problems.add(where, `answered ${res && res.status()}`);
        continue;
      }
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS,
      );
      counts.axeRuns++;
      counts.axePasses += result.passes.length;
      for (const v of result.violations) {
        const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
        problems.add(where, `axe ${v.id} (${v.impact}): ${v.help} — ${targets}`);
      }
      for (const p of await page.evaluate(structure)) problems.add(where, p);
      if (label === 'phone') {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 0) problems.add(where, `the page scrolls sideways by ${wide}px (WCAG 1.4.10)`);
      } else {
        await focusChecks(page, where);
      }
      if (rel === pages[0]) await colourChecks(page, where);
    }
    await context.close();
  }
}

/** Runs in the page: heading order, tables, fonts. Returns problems. */
function structure() {
  const found = [];
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const h1s = headings.filter((h) => h.tagName === 'H1');
  if (h1s.length !== 1) found.push(`${h1s.length} <h1> elements, expected 1`);
  if (headings[0] && headings[0].tagName !== 'H1') found.push(`the first heading is a ${headings[0].tagName}`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1)
      found.push(`heading level skipped: <${h.tagName.toLowerCase()}> "${h.textContent.trim().slice(0, 30)}" after h${previous}`);
    previous = level;
  }
  for (const table of document.querySelectorAll('table')) {
    const name = table.caption?.textContent.trim() || table.getAttribute('aria-label') || '';
    const label = `table "${name.slice(0, 30)}"`;
    // The theme's tables carry a caption; a Markdown table written by a union cannot.
    if (!name && !table.closest('.prose')) found.push('a table of the theme without a caption');
    const ths = table.querySelectorAll('th');
    if (ths.length === 0) found.push(`${label} has no header cells`);
    for (const th of ths) {
      if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope')))
        found.push(`${label}: <th> "${th.textContent.trim().slice(0, 20)}" has no scope`);
    }
    if (!table.querySelector('thead th[scope="col"]') && !table.querySelector('th[scope="row"]'))
      found.push(`${label} has neither column nor row headers`);
  }
  if (!document.fonts.check('16px "Noto Sans CJK JP"') && !document.fonts.check('16px "Noto Sans JP"'))
    found.push('no Japanese font (install fonts-noto-cjk)');
  return found;
}

/** Tabs through the page: the skip link comes first and shows; every stop has a visible focus
 *  (an outline of 2px or more, or a background that changes). */
async function focusChecks(page, where) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.mouse.move(0, 0);
  const stops = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((n) => {
      const el = document.activeElement;
      if (!el || el === document.body || el.dataset.qaStop) return null;
      el.dataset.qaStop = String(n);
      const focused = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return {
        id: el.outerHTML.slice(0, 80),
        className: typeof el.className === 'string' ? el.className : '',
        outline: focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) >= 2,
        background: focused.backgroundColor,
        onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
      };
    }, i);
    if (!stop) break;
    stops.push(stop);
  }
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const plain = await page.evaluate(() =>
    [...document.querySelectorAll('[data-qa-stop]')].map((el) => getComputedStyle(el).backgroundColor),
  );
  // A page with navigation starts with the link that skips it; the print page has none.
  const hasNav = await page.evaluate(() => document.querySelector('nav') !== null);
  stops.forEach((stop, i) => {
    counts.focusables++;
    if (hasNav && i === 0 && stop.className !== 'skip-link') problems.add(where, `the first Tab stop is not the skip link: ${stop.id}`);
    if (!stop.outline && stop.background === plain[i]) problems.add(where, `no visible focus on ${stop.id}`);
    if (!stop.onScreen) problems.add(where, `focused element is off screen: ${stop.id}`);
  });
  if (stops.length < (hasNav ? 2 : 1)) problems.add(where, `only ${stops.length} focus stop(s) reached with Tab`);
}

function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function colourChecks(page, where) {
  const resolve = (c) =>
    page.evaluate((c) => {
      const probe = document.createElement('span');
      probe.style.color = c.startsWith('--') ? `var(${c})` : c;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    }, c);
  for (const [fg, bg, min, what] of COLOUR_PAIRS) {
    const [a, b] = [await resolve(fg), await resolve(bg)];
    const rgb = (s) => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const [la, lb] = [luminance(rgb(a)), luminance(rgb(b))];
    const ratio = (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    if (ratio < min) problems.add(where, `contrast of ${what} (${fg} on ${bg}) is ${ratio.toFixed(2)}:1, needs ${min}:1`);
  }
}

/** The CSP of deploy/nginx.conf, enforced: nothing refused, and the stylesheet applies. */
async function strictCsp(pages) {
  const context = await browser.newContext({ viewport: WIDTHS.desktop });
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await context.exposeBinding('__kumiaiViolation', (_, v) => refused.push(v));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__kumiaiViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`),
    ),
  );
  for (const rel of pages) {
    refused.length = 0;
    const res = await page.goto(rootUrl + rel, { waitUntil: 'load' });
    const csp = res && res.headers()['content-security-policy'];
    if (!csp || !csp.includes("default-src 'self'")) problems.add(`${rel} (CSP)`, `served without the CSP (${csp})`);
    const styled = await page.evaluate(() => {
      const h1 = document.querySelector('h1');
      return document.styleSheets.length > 0 && h1 && getComputedStyle(h1).borderBottomStyle === 'solid';
    });
    if (!styled) problems.add(`${rel} (CSP)`, 'the stylesheet did not apply under the CSP');
    for (const r of refused) problems.add(`${rel} (CSP)`, r);
  }
  await context.close();
}

/** From disk: the portal links to a union, whose navigation reaches another page, styled. */
async function fromDisk() {
  const context = await browser.newContext({ viewport: WIDTHS.phone });
  const page = await context.newPage();
  const url = 'file://' + path.join(publicDir, 'index.html');
  const styled = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('h1')).borderBottomStyle === 'solid');
  await page.goto(url);
  if (!(await styled())) problems.add('file:// portal', 'not styled');
  await Promise.all([page.waitForNavigation(), page.click('main a[href$="index.html"]')]);
  const union = page.url();
  if (!/\/[^/]+\/index\.html$/.test(union)) problems.add('file:// portal', `a union link went to ${union}`);
  if (!(await styled())) problems.add(`file:// ${union}`, 'not styled');
  await Promise.all([page.waitForNavigation(), page.click('.site-nav a[href="purposes.html"]')]);
  if (!page.url().endsWith('/purposes.html')) problems.add(`file:// ${union}`, `navigation went to ${page.url()}`);
  if (!(await styled())) problems.add(`file:// ${page.url()}`, 'not styled');
  const current = await page.getAttribute('.site-nav a[aria-current="page"]', 'href');
  if (current !== 'purposes.html') problems.add(`file:// ${page.url()}`, `aria-current on ${current}`);
  await Promise.all([page.waitForNavigation(), page.click('.site-name a')]);
  if (!page.url().endsWith('/index.html')) problems.add(`file:// ${union}`, `the site name went to ${page.url()}`);
  await context.close();
}

/** The portal of 1,400 unions from disk at phone width: the search box shows (portal.js ran
 *  under the page's CSP, from file://), typing filters the list, the jump index opens the
 *  group it points to, and the page stays short enough to use on a phone. */
async function portalSearch() {
  const where = 'file:// portal-1400';
  const context = await browser.newContext({ viewport: WIDTHS.phone, locale: 'ja-JP' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.join(env('QA_SCALE'), 'public', 'index.html'));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > 20000) problems.add(where, `the page is ${height}px tall on a phone`);
  if (!(await page.isVisible('#portal-query'))) problems.add(where, 'the search box did not show (portal.js did not run)');
  else {
    await page.fill('#portal-query', '大阪電機');
    const shown = await page.evaluate(() => [...document.querySelectorAll('#by-kana li')].filter((li) => li.offsetParent !== null).map((li) => li.textContent));
    if (shown.length === 0 || !shown.every((t) => t.includes('大阪電機'))) problems.add(where, `searching 大阪電機 shows ${JSON.stringify(shown.slice(0, 5))}`);
    await page.fill('#portal-query', 'ほっかいどうでんき');
    const byKana = await page.evaluate(() => [...document.querySelectorAll('#by-kana li')].filter((li) => li.offsetParent !== null).length);
    if (byKana === 0) problems.add(where, 'searching by reading finds nothing');
    await page.screenshot({ path: path.join(out, 'portal-1400-search-390.png') });
    await page.fill('#portal-query', '');
  }
  await page.click('.jump-index a[href="#pref-27"]');
  const open = await page.evaluate(() => document.getElementById('pref-27').open);
  if (!open) problems.add(where, 'the jump index did not open 大阪府');
  for (const e of errors) problems.add(where, `script error: ${e}`);
  await context.close();
}

async function pictures() {
  for (const [label, viewport] of Object.entries(WIDTHS)) {
    const context = await browser.newContext({ viewport, locale: 'ja-JP' });
    const page = await context.newPage();
    for (const [name, rel] of SHOTS) {
      await page.goto(rootUrl + rel, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const file = path.join(out, `${name}-${viewport.width}.png`);
      if (height <= MAX_SHOT_HEIGHT) await page.screenshot({ path: file, fullPage: true });
      else await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: MAX_SHOT_HEIGHT } });
      counts.shots++;
    }
    await context.close();
  }
  const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const [name, rel] of PRINTS) {
    await page.goto(rootUrl + rel, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.pdf({ path: path.join(out, `${name}.pdf`), format: 'A4', preferCSSPageSize: true, printBackground: true });
    counts.pdfs++;
  }
  await context.close();
}
