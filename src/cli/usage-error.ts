/** A mistake in the command line: exit code 2, one line on stderr (then the usage, if given). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}
