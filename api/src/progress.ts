import cliProgress from 'cli-progress';

/** Reports progress of long work: a bar on a TTY, plain lines otherwise (CI, logs, pipes). */
export interface Progress {
  /** Starts a step of `total` units (rows, partitions, …). */
  start(step: string, total: number, unit?: string): void;
  /** Advances the current step by `n` units. */
  tick(n?: number): void;
  /** Ends the current step, optionally with a summary. */
  done(summary?: string): void;
  /** A one-off message. */
  log(message: string): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, done() {}, log() {} };

/**
 * Progress of work that runs beside other work reported on `progress` (one bar at a time): each step as one line
 * when it ends, with its time.
 */
export function linesOnly(progress: Progress): Progress {
  let step = '';
  let t0 = 0;
  return {
    start(name) {
      step = name;
      t0 = Date.now();
    },
    tick() {},
    done(summary) {
      progress.log(`${step}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s${summary ? ` — ${summary}` : ''}`);
    },
    log: (m) => progress.log(m),
  };
}

/** The progress reporter for a process: a bar when `stream` is a TTY (and not CI), plain lines otherwise. */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let bar: cliProgress.SingleBar | null = null;
  let step = '';
  let total = 0;
  let value = 0;
  let lastPct = -1;
  let t0 = 0;
  const line = (s: string) => stream.write(s + '\n');
  return {
    start(name, n, unit = '') {
      step = name;
      total = Math.max(0, n);
      value = 0;
      lastPct = -1;
      t0 = Date.now();
      if (tty) {
        bar = new cliProgress.SingleBar(
          { format: `${name.padEnd(28)} [{bar}] {percentage}% {value}/{total} ${unit} {eta_formatted}`, stream, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      } else {
        line(`${name}: 0/${total} ${unit}`.trimEnd());
      }
    },
    tick(n = 1) {
      value += n;
      if (bar) bar.update(Math.min(value, total));
      else if (total > 0) {
        const pct = Math.floor((value / total) * 10) * 10;
        if (pct > lastPct && pct < 100) {
          lastPct = pct;
          if (pct > 0) line(`${step}: ${pct}%`);
        }
      }
    },
    done(summary) {
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (bar) {
        bar.update(total);
        bar.stop();
        bar = null;
      }
      line(`${step}: done in ${secs} s${summary ? ` — ${summary}` : ''}`);
    },
    log: line,
  };
}
