import type { Sensitivity } from '../../src/core/plan.js';
import type { NabFile } from '../nab/dataset.js';
import { brandOf, LEVELS } from './brands.js';
import { EVENTS } from './events.js';
import { type DetectorUnderTest, measureBrand } from './measure.js';

export interface BurstCell {
  detected: number;
  trials: number;
  /** Median delay of the detections, minutes; null when none. */
  medianDelay: number | null;
}

export interface BurstTable {
  sensitivity: Sensitivity;
  levels: readonly number[];
  events: string[];
  /** cells[event][level] */
  cells: BurstCell[][];
  /** Per level: incidents opened by chance per plan-month on the untouched brands, and the months observed. */
  chance: Array<{ perMonth: number; months: number }>;
  /** Per level: the files that could be brought to it. */
  files: string[][];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function burstTable<S>(files: readonly NabFile[], detector: DetectorUnderTest<S>, sensitivity: Sensitivity): BurstTable {
  const delays: Array<Array<number[]>> = EVENTS.map(() => LEVELS.map(() => []));
  const trials: number[][] = EVENTS.map(() => LEVELS.map(() => 0));
  const chance = LEVELS.map(() => ({ opened: 0, months: 0 }));
  const used: string[][] = LEVELS.map(() => []);
  LEVELS.forEach((level, l) => {
    files.forEach((file, f) => {
      const seed = 1 + 100 * f + l;
      const brand = brandOf(file, level, seed);
      if (!brand) return;
      used[l]!.push(file.name);
      const result = measureBrand(brand, file.times, file.windows, detector, sensitivity, seed);
      chance[l]!.opened += result.chance.opened;
      chance[l]!.months += result.chance.months;
      result.delays.forEach((sites, e) => {
        trials[e]![l]! += sites.length;
        for (const d of sites) if (d !== null) delays[e]![l]!.push(d);
      });
    });
  });
  return {
    sensitivity,
    levels: LEVELS,
    events: EVENTS.map((e) => e.label),
    cells: EVENTS.map((_, e) =>
      LEVELS.map((_, l) => ({ detected: delays[e]![l]!.length, trials: trials[e]![l]!, medianDelay: median(delays[e]![l]!) })),
    ),
    chance: chance.map((c) => ({ perMonth: c.months > 0 ? c.opened / c.months : 0, months: c.months })),
    files: used,
  };
}

/** `83% 25m`: the share of events detected and the median delay (minutes, or hours beyond two hours). */
export function formatCell(cell: BurstCell): string {
  if (cell.trials === 0) return '—';
  const rate = `${Math.round((100 * cell.detected) / cell.trials)}%`;
  if (cell.medianDelay === null) return rate;
  const delay = cell.medianDelay >= 120 ? `${(cell.medianDelay / 60).toFixed(1)}h` : `${Math.round(cell.medianDelay)}m`;
  return `${rate} ${delay}`;
}

export function printBurstTable(table: BurstTable, out: (line: string) => void = console.log): void {
  const width = Math.max(...table.events.map((e) => e.length)) + 2;
  out(`  ${'event \\ median mentions per 5 min'.padEnd(width)}${table.levels.map((l) => String(l).padStart(11)).join('')}`);
  table.events.forEach((event, e) => {
    out(`  ${event.padEnd(width)}${table.cells[e]!.map((c) => formatCell(c).padStart(11)).join('')}`);
  });
  out(`  ${'chance alarms per plan-month'.padEnd(width)}${table.chance.map((c) => c.perMonth.toFixed(2).padStart(11)).join('')}`);
}
