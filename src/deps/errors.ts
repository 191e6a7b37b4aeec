import { UsageError } from '../core/errors.js';

/** A download or OSV API failure. A UsageError, so the CLI prints it and exits with code 2. */
export class NetworkError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}
