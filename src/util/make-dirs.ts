import fs from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` without Node's recursive mkdir: creates only the missing folders, top down, one
 * plain `mkdir` each, and does nothing when the folder exists. Node 20's recursive mkdir loops
 * forever where the kernel answers oddly (`/proc/x/y`: ENOENT for a parent that "exists"), so
 * `-f json:/proc/x/y.json` hung; a plain mkdir fails at once with the real error.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: current });
      break;
    }
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      // Created meanwhile by another process: fine, as long as it is a folder now.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(folder).isDirectory()) throw error;
    }
  }
}
