/**
 * `npm run bench`: each figure beside its floor measured in the same run, as a ratio, with the goal
 * and what the floor does. Every section runs BENCH_RUNS times (5 unless told, at least 3), and each
 * figure shows the spread of its ratio over those runs, so a real change reads apart from this shared
 * machine's noise; a goal is met only when every run meets it. BENCH_ONLY=list,trips,… runs only those.
 */
import { median, type Row, type Section } from './measure';
import { bundle } from './sections/bundle';
import { inChromium } from './sections/chromium';
import { coldStart } from './sections/cold-start';
import { fleet } from './sections/fleet';
import { list } from './sections/list';
import { team } from './sections/team';
import { trips } from './sections/trips';
import { vaultSection } from './sections/vault';

const sections: Record<string, Section> = {
  list,
  trips,
  vault: vaultSection,
  bundle,
  chromium: inChromium,
  fleet,
  team,
  start: coldStart,
};
const only = process.env['BENCH_ONLY']?.split(',');
const runs = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 5));

const seen = new Map<string, Row[]>();
for (let run = 1; run <= runs; run += 1) {
  for (const [name, section] of Object.entries(sections)) {
    if (only && !only.includes(name)) continue;
    const started = performance.now();
    for (const row of await section()) seen.set(row.figure, [...(seen.get(row.figure) ?? []), row]);
    console.error(`bench: run ${run}/${runs}, ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const meets = (r: Row) =>
  r.limit !== null ? r.measured / r.floor <= r.limit + 1e-9 : r.measured <= (r.absolute ?? Infinity);
console.log(
  `\n${runs} runs on Node ${process.version}; measured, floor and ratio are medians; spread: the lowest and highest ratio of a run.\n\n` +
    '| figure | measured | floor | ratio | spread | goal | met |\n| --- | --- | --- | --- | --- | --- | --- |',
);
for (const [figure, all] of seen) {
  const ratios = all.map((r) => r.measured / r.floor);
  const first = all[0] as Row;
  const met = all.filter(meets).length;
  console.log(
    `| ${figure} | ${fmt(median(all.map((r) => r.measured)))} ${first.unit} | ` +
      `${fmt(median(all.map((r) => r.floor)))} ${first.unit} | ${median(ratios).toFixed(2)} | ` +
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | ${first.goal} | ` +
      `${met === all.length ? 'yes' : `NO (${met} of ${all.length} runs)`} |`,
  );
}
