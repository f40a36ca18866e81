// Crawls the sites nginx serves, from the portal at / and from the sub-path copy's index:
// every href/src/url() reached must answer 200 with the right Content-Type, the pages must
// carry the headers of deploy/nginx.conf, and nothing may leave the sub-path.
import { env, links, Problems } from './lib.mjs';

const rootUrl = env('QA_ROOT_URL');
const subUrl = env('QA_SUB_URL');
const problems = new Problems('crawl');

const CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
const TYPES = {
  html: /^text\/html; charset=utf-8$/i,
  css: /^text\/css(; charset=utf-8)?$/i,
  json: /^application\/json(; charset=utf-8)?$/i,
  csv: /^text\/csv; charset=utf-8$/i,
  png: /^image\/png$/,
  jpg: /^image\/jpeg$/,
  jpeg: /^image\/jpeg$/,
  gif: /^image\/gif$/,
  svg: /^image\/svg\+xml$/,
  webp: /^image\/webp$/,
  pdf: /^application\/pdf$/,
  // Only the theme's portal search, at the root (checked below).
  js: /^(text|application)\/javascript(; charset=utf-8)?$/i,
};

function expectedType(url) {
  const p = new URL(url).pathname;
  if (p.endsWith('/')) return 'html';
  const ext = p.split('.').pop().toLowerCase();
  return ext;
}

async function crawl(start, prefix) {
  const seen = new Set();
  const queue = [{ url: start, from: '(start)' }];
  const external = new Set();
  let pages = 0;
  let assets = 0;
  while (queue.length > 0) {
    const { url, from } = queue.shift();
    const clean = url.split('#')[0];
    if (seen.has(clean)) continue;
    seen.add(clean);
    if (!clean.startsWith(prefix)) {
      problems.add(from, `links ${clean}, outside ${prefix}`);
      continue;
    }
    let res;
    try {
      res = await fetch(clean, { redirect: 'manual' });
    } catch (e) {
      problems.add(from, `${clean}: ${e.message}`);
      continue;
    }
    if (res.status !== 200) {
      problems.add(from, `${clean} answered ${res.status}`);
      continue;
    }
    const type = res.headers.get('content-type') || '';
    const ext = expectedType(clean);
    const want = TYPES[ext];
    if (!want) problems.add(from, `${clean}: unexpected kind of file .${ext}`);
    else if (!want.test(type)) problems.add(clean, `Content-Type "${type}", expected ${want}`);
    if (res.headers.get('content-security-policy') !== CSP)
      problems.add(clean, `Content-Security-Policy is "${res.headers.get('content-security-policy')}"`);
    if (res.headers.get('x-content-type-options') !== 'nosniff')
      problems.add(clean, 'no X-Content-Type-Options: nosniff');
    const cache = res.headers.get('cache-control') || '';
    const body = await res.text();
    if (ext === 'html') {
      pages++;
      if (cache !== 'no-cache') problems.add(clean, `Cache-Control "${cache}" for a page`);
      for (const link of links(body)) {
        if (/^(https?:|mailto:|tel:)/i.test(link) && !link.startsWith(prefix)) {
          if (/^https?:/i.test(link) && !link.startsWith(rootUrl)) external.add(link);
          if (!/^https?:/i.test(link)) continue;
          if (!link.startsWith(rootUrl)) continue;
        }
        if (link.startsWith('#') || link === '') continue;
        if (link.startsWith('/')) problems.add(clean, `root-relative link ${link} breaks under a sub-path and from disk`);
        queue.push({ url: new URL(link, clean).href, from: clean });
      }
    } else {
      assets++;
      if (ext === 'js') {
        if (!/^https?:\/\/[^/]+\/assets\/portal\.[0-9a-f]{10}\.js$/.test(clean))
          problems.add(clean, 'a script other than the portal search at the root');
        if (!/max-age=31536000/.test(cache) || !/immutable/.test(cache))
          problems.add(clean, `Cache-Control "${cache}" for a fingerprinted script`);
      }
      if (ext === 'css') {
        if (!/\/assets\/style\.[0-9a-f]{10}\.css$/.test(clean))
          problems.add(clean, 'stylesheet name is not fingerprinted');
        if (!/max-age=31536000/.test(cache) || !/immutable/.test(cache))
          problems.add(clean, `Cache-Control "${cache}" for a fingerprinted stylesheet`);
        for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
          if (!/^data:/.test(m[1])) queue.push({ url: new URL(m[1], clean).href, from: clean });
        }
      }
    }
  }
  return { pages, assets, external };
}

const manifest = await fetch(new URL(`${process.env.QA_SUB_UNION}/.kumiai-files`, rootUrl));
if (manifest.status !== 404) problems.add('/.kumiai-files', `answered ${manifest.status}, expected 404`);

const root = await crawl(rootUrl, rootUrl);
const sub = await crawl(subUrl, subUrl);
if (root.pages < 10) problems.add(rootUrl, `only ${root.pages} pages reached`);
if (sub.pages < 3) problems.add(subUrl, `only ${sub.pages} pages reached`);
const external = new Set([...root.external, ...sub.external]);
problems.finish(
  `root: ${root.pages} pages + ${root.assets} assets; /${new URL(subUrl).pathname.slice(1)}: ` +
    `${sub.pages} pages + ${sub.assets} assets; ${external.size} external link(s) not followed`,
);
