/** Failure to start that a person must fix (a wrong token): the process should say so and stop. */
export class SlackStartError extends Error {
  readonly code: 'slack_invalid_auth';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SlackStartError';
    this.code = 'slack_invalid_auth';
  }
}
