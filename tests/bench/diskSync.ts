/** How long this disk takes to make a small write durable (what every committed transaction waits for). */
import fs from 'node:fs';
import path from 'node:path';
import { distribution, type Distribution } from './stats';

export function fdatasyncLatency(dir: string, samples = 100): Distribution {
  const file = path.join(dir, 'fsync-probe.bin');
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(4096, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      fs.writeSync(fd, block);
      const started = performance.now();
      fs.fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return distribution(times);
}
