/** The message to show a person for anything a call threw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
