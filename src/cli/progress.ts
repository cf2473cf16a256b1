/**
 * Progress on standard error for anything that takes more than a second: a bar on a terminal,
 * a line every few seconds otherwise (CI logs, pipes). Never on standard output.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function startProgress(label: string, total = 0, unit = 'rows'): Progress {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} [{bar}] {value}/{total} ${unit} · {duration}s`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let begun = false;
    return {
      update(done, newTotal) {
        if (!begun && Date.now() - started < 1000) return; // quick jobs stay silent
        if (!begun) {
          bar.start(newTotal ?? total, done);
          begun = true;
        }
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      },
      stop() {
        if (begun) bar.stop();
      },
    };
  }
  let last = started;
  return {
    update(done, newTotal) {
      const now = Date.now();
      if (now - last < 3000) return;
      last = now;
      const of = newTotal ?? total;
      process.stderr.write(`${label}: ${done}${of ? `/${of}` : ''} ${unit} (${((now - started) / 1000).toFixed(0)}s)\n`);
    },
    stop() {},
  };
}
