// Why a call failed: the target said something the contract does not allow, or could not be reached.
import type { Exchange } from './recorder.ts';

export class ApiError extends Error {
  readonly exchange: Exchange;
  constructor(message: string, exchange: Exchange) {
    super(`${message} [${exchange.method} ${exchange.url} · request id ${exchange.requestId}]`);
    this.exchange = exchange;
  }
  get requestId(): string {
    return this.exchange.requestId;
  }
}

/** The status was not the expected one. */
export class UnexpectedStatusError extends ApiError {
  override name = 'UnexpectedStatusError';
}

/** The body does not match the contract's schema for the status received, or the status is undeclared. */
export class ContractError extends ApiError {
  override name = 'ContractError';
}

/** Connection refused, DNS, TLS or timeout: the target could not be asked at all. */
export class TransportError extends ApiError {
  override name = 'TransportError';
}
