/** `seed load` for the CLI: seeds the database, prints what was loaded and planted, and optionally saves the manifest. */
import { renameSync, writeFileSync } from 'node:fs';
import type { Db } from '../api/src/db/types.ts';
import { consoleProgress, type Progress } from '../api/src/progress.ts';
import { seedDatabase, type SeedManifest, type SeedOptions } from './index.ts';

export interface SeedCommandOptions extends SeedOptions {
  /** Where to write the manifest as JSON (written to a temporary file, then renamed into place). */
  manifestPath?: string;
}

/** One line per table, then per rule the planted violations by severity and the near-misses. */
export function formatSummary(m: SeedManifest): string {
  const lines = [`seed ${m.scale}, seed ${m.seed}, as of ${m.asOf} (${m.timeProgressBasis} basis)`];
  const width = Math.max(...Object.keys(m.counts).map((t) => t.length));
  for (const [table, n] of Object.entries(m.counts)) lines.push(`  ${table.padEnd(width)}  ${String(n).padStart(10)}`);
  const rules = [...new Set([...m.violations, ...m.nearMisses].map((e) => e.rule))].sort();
  if (rules.length > 0) lines.push('planted (violations by severity; near-misses):');
  for (const r of rules) {
    const v = m.violations.filter((e) => e.rule === r);
    const by = (s: string) => v.filter((e) => e.severity === s).length;
    const near = m.nearMisses.filter((e) => e.rule === r).length;
    lines.push(`  ${r}  red ${by('red')}  orange ${by('orange')}  yellow ${by('yellow')}  near-misses ${near}`);
  }
  return lines.join('\n') + '\n';
}

export async function runSeedCommand(db: Db, opts: SeedCommandOptions, progress: Progress = consoleProgress()): Promise<SeedManifest> {
  const { manifestPath, ...seedOpts } = opts;
  const manifest = await seedDatabase(db, seedOpts, progress);
  process.stdout.write(formatSummary(manifest));
  if (manifestPath) {
    const tmp = `${manifestPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
    renameSync(tmp, manifestPath);
    process.stdout.write(`manifest written to ${manifestPath}\n`);
  }
  return manifest;
}
