/**
 * `npm run lint:electron`: electronegativity over main/electron (the shell and its preload), offline.
 * Fails on a finding above INFORMATIONAL that tests/electronegativity/allow-list.json does not
 * explain, on a file the tool cannot parse, and on an allow-list entry that explains more findings
 * than there are (review it: the code changed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, readAllowList, scan } from './scan';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const electronVersion = (pkg.devDependencies.electron ?? '').replace(/^[^\d]*/, '');

const { findings, errors } = await scan(path.join(root, 'main', 'electron'), electronVersion);
const { unexplained, stale } = compare(findings, readAllowList(path.join(here, 'allow-list.json')));

for (const e of errors) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
for (const f of unexplained) {
  console.error(`${f.check} (${f.severity}, ${f.confidence}) main/electron/${f.file}:${f.line}:${f.column}\n  ${f.description}`);
}
for (const a of stale) console.error(`allow-list entry no longer needed as is: ${a.check} in ${a.file} (count ${a.count})`);

if (errors.length + unexplained.length + stale.length > 0) {
  console.error(
    `electronegativity: ${unexplained.length} unexplained finding(s), ${errors.length} unparsed file(s), ${stale.length} stale allow-list entr(ies). ` +
      'Fix the code, or explain the finding in tests/electronegativity/allow-list.json (check, file, count, reason) for review.',
  );
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s) above informational, all explained in the allow-list (Electron ${electronVersion}).`);
