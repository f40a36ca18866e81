// The Nu Html Checker (vnu-jar, run with the machine's Java) on every generated page.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { env, filesUnder, Problems } from './lib.mjs';

const publicDir = env('QA_PUBLIC');
const problems = new Problems('vnu');
const jar = createRequire(import.meta.url)('vnu-jar');
const reportDir = env('QA_REPORT');
// The public sites, and the federation's report beside them.
const under = (dir) => filesUnder(dir).map((f) => path.join(dir, f));
// At scale, only the federation's own pages (their union sites are the examples' pages again).
const scale = env('QA_SCALE');
const scalePages = ['public/index.html', 'public/contractors.html', 'report/index.html'].map((f) => path.join(scale, f));
const all = [...under(publicDir), ...under(reportDir), ...scalePages];
const pages = all.filter((f) => f.endsWith('.html'));
const css = all.filter((f) => f.endsWith('.css'));
const run = spawnSync(
  'java',
  ['-Xss4m', '-jar', jar, '--format', 'json', '--exit-zero-always', '--also-check-css',
    ...pages, ...css],
  { encoding: 'utf8', maxBuffer: 64 << 20 },
);
// vnu writes its JSON report to stderr.
const report = run.stderr;
if (run.status !== 0 || !report.trim().startsWith('{')) {
  console.log(report || run.error);
  problems.add('vnu', `did not run (exit ${run.status})`);
}
let messages = [];
try {
  messages = JSON.parse(report).messages;
} catch {
  /* reported above */
}
let warnings = 0;
for (const m of messages) {
  const file = (m.url || '').replace(/^file:/, '').replace(publicDir + '/', '');
  if (m.type === 'error' || m.subType === 'fatal') problems.add(`${file}:${m.lastLine ?? '?'}`, m.message);
  else warnings++;
}
problems.finish(`${pages.length} pages and ${css.length} stylesheets checked, ${warnings} warning(s)`);
