/**
 * Server logs carry no tokens, keys or user content: an error is logged by its name, message
 * and stack only, never with its other properties (a body-parser error, for one, carries the
 * raw request body), and messages that may quote input are cut at the first quote.
 */
export function logError(context: string, error: unknown): void {
  console.error(`${context}: ${describeError(error)}`);
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  // JSON and similar parsers quote the offending input in their message: keep what precedes it.
  const message = error.message.split(/["'`]/)[0]!.trim();
  const stack = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  return `${error.name}: ${message}${stack ? `\n${stack}` : ''}`;
}
