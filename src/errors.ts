/**
 * The one table of error codes errand uses, from the apps to the CLI.
 * A person reads the message; a program switches on the code.
 */
export const ERROR_CODES = {
  INVALID_INPUT: 'The request was malformed or a field had the wrong type.',
  NOT_FOUND: 'Something named in the request does not exist.',
  UNKNOWN_TOOL: 'No tool with that name exists.',
  CONFLICT: 'The action does not fit the current state of the thing it acts on.',
  OUT_OF_STOCK: 'Not enough stock for the quantity asked.',
  CLOSED: 'The shop or restaurant is closed at this time.',
  BELOW_MINIMUM: 'The order is below the minimum order amount.',
  INSUFFICIENT_FUNDS: 'The wallet balance is too low.',
  LIMIT_EXCEEDED: 'A limit set by the app (such as a daily limit) would be exceeded.',
  ALREADY_PAID: 'This payment request has already been paid.',
  AMOUNT_MISMATCH: 'The confirmed amount or payee does not match the payment request.',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used for a different request.',
  FORBIDDEN: 'The action is not allowed for this user.',
  UNAUTHORIZED: 'The request lacks the token this server asks for.',
  TOO_LARGE: 'The request is larger than the server accepts.',
  MANDATE_EXCEEDED: 'The action is outside what the person allowed.',
  MODEL_OUTPUT_INVALID: 'The model produced output that could not be used.',
  MODEL_UNAVAILABLE: 'The model provider could not be reached or refused the request.',
  CONFIG_INVALID: 'A configuration file or setting is invalid or missing.',
  CONNECTOR_FAILED: 'An app connection failed, crashed or timed out.',
  TOOL_FAILED: 'An app reported an error of its own.',
  ACTION_FAILED: 'A step on a screen could not be done: the element is gone, hidden or disabled.',
  LOOP_DETECTED: 'The agent kept repeating an action that had failed.',
  LIMIT_REACHED: 'The errand hit its step, token or time limit before finishing.',
  CANCELLED: 'The errand was cancelled.',
  STORAGE_FAILED: 'Writing to disk failed; nothing was changed.',
  HOME_UNUSABLE: "errand's home folder cannot be created, read or written.",
  JOURNAL_DAMAGED: 'The journal file is damaged or is not a journal.',
  AUDIT_KEY_INVALID: 'The audit key file is missing, unreadable or not a key.',
  INTERNAL: 'An unexpected internal error.',
} as const;

/** A stable error code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable code, a sentence for a person, and optional details for a program. */
export class ErrandError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ErrandError';
    this.code = code;
    this.details = details;
  }

  /** The plain-data form sent over MCP, HTTP and into the journal. */
  toJSON(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** The wire form of an error. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Turns anything thrown into an ErrandError, keeping typed ones as they are. */
export function toErrandError(err: unknown): ErrandError {
  if (err instanceof ErrandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_FULL|ENOSPC|disk is full/i.test(message)) {
    return new ErrandError('STORAGE_FAILED', `The disk is full; nothing was written (${message}).`);
  }
  return new ErrandError('INTERNAL', `Unexpected error: ${message}`);
}

/** True when a string is one of the known error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_CODES;
}
