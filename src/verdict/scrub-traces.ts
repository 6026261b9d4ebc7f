// Keeps secrets out of Playwright traces: tokens travel in the traced network log, so every trace zip is redacted after a run.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { redactText } from '../client/redact.ts';

function* zipsUnder(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* zipsUnder(path);
    else if (name.endsWith('.zip')) yield path;
  }
}

/** Rewrites every text entry of every zip under `dir` through the redactor; returns how many zips changed. */
export function scrubTraces(dir: string): number {
  let changed = 0;
  for (const path of zipsUnder(dir)) {
    const original = new AdmZip(path);
    const rebuilt = new AdmZip();
    let dirty = false;
    for (const entry of original.getEntries()) {
      if (entry.isDirectory) continue;
      let data = entry.getData();
      if (!/\.(png|jpe?g|webm|woff2?)$/i.test(entry.entryName) && !data.includes(0)) {
        const text = data.toString('utf8');
        const clean = redactText(text);
        if (clean !== text) {
          data = Buffer.from(clean, 'utf8');
          dirty = true;
        }
      }
      rebuilt.addFile(entry.entryName, data);
    }
    if (dirty) {
      rebuilt.writeZip(path);
      changed += 1;
    }
  }
  return changed;
}
