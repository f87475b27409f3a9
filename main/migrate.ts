/**
 * The one migration runner for documents at rest (settings, vault): explicit, numbered steps where
 * steps[n] turns version n into version n+1, run in order from the document's version.
 */
export type Migrations<D> = Readonly<Record<number, (doc: D) => D>>;

export function migrate<D>(doc: D, from: number, to: number, steps: Migrations<D>, what: string): D {
  let current = doc;
  for (let v = from; v < to; v += 1) {
    const step = steps[v];
    if (!step) throw new SyntaxError(`no ${what} migration from version ${v}`);
    current = step(current);
  }
  return current;
}
