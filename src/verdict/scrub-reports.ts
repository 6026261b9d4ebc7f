// Keeps secrets out of everything a run leaves behind: traces carry tokens in their network log and step titles carry
// typed values, so after a run every text file and every zip entry under the reports folder goes through the redactor.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { redactText } from '../client/redact.ts';

const BINARY = /\.(png|jpe?g|webm|woff2?|gif|ico)$/i;

function* filesUnder(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** The redacted text, or undefined when the bytes are binary or already clean. */
function redacted(data: Buffer): Buffer | undefined {
  if (data.includes(0)) return undefined;
  const text = data.toString('utf8');
  const clean = redactText(text);
  return clean === text ? undefined : Buffer.from(clean, 'utf8');
}

function scrubZip(path: string): boolean {
  const original = new AdmZip(path);
  const rebuilt = new AdmZip();
  let dirty = false;
  for (const entry of original.getEntries()) {
    if (entry.isDirectory) continue;
    const data = entry.getData();
    const clean = BINARY.test(entry.entryName) ? undefined : redacted(data);
    if (clean) dirty = true;
    rebuilt.addFile(entry.entryName, clean ?? data);
  }
  if (dirty) rebuilt.writeZip(path);
  return dirty;
}

/** Redacts every file under `dir` in place; returns how many files changed. */
export function scrubReports(dir: string): number {
  let changed = 0;
  for (const path of filesUnder(dir)) {
    if (BINARY.test(path)) continue;
    if (path.endsWith('.zip')) {
      if (scrubZip(path)) changed += 1;
      continue;
    }
    const clean = redacted(readFileSync(path));
    if (clean) {
      writeFileSync(path, clean);
      changed += 1;
    }
  }
  return changed;
}
