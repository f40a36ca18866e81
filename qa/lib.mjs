// Shared by qa's node scripts: where things are, and how to report problems.
import fs from 'node:fs';
import path from 'node:path';

export const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`qa: ${name} is not set; run qa/run`);
    process.exit(2);
  }
  return value;
};

/** Collects problems; `finish` prints them and sets the exit code. */
export class Problems {
  constructor(check) {
    this.check = check;
    this.list = [];
  }
  add(where, what) {
    this.list.push(`${where}: ${what}`);
  }
  finish(summary) {
    for (const p of this.list) console.log(`  FAIL ${this.check}: ${p}`);
    const verdict = this.list.length === 0 ? 'ok' : `${this.list.length} problem(s)`;
    console.log(`  ${this.check}: ${summary}; ${verdict}`);
    if (this.list.length > 0) process.exitCode = 1;
  }
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The union folders of the output (those with an index.html). */
export function unions(publicDir) {
  return fs
    .readdirSync(publicDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(publicDir, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

/** `href`/`src` values of an HTML page, quoted or not (the pages are minified). */
export function links(html) {
  const out = [];
  const re = /<[a-zA-Z][^>]*>/g;
  for (const tag of html.match(re) || []) {
    const attr = /\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
    let m;
    while ((m = attr.exec(tag))) out.push(decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

function decode(s) {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
