import type { AnyEntity } from '@sbf-chatwoot/shared';

export interface EntityQuery {
  type?: string;
  /** Client boundary: without it only generic (client-less) entities match, unless `allClients`. */
  client_uid?: string;
  allClients?: boolean;
  limit?: number;
}

export type NewEntity = { type: string; uid?: string; client_uid?: string; [field: string]: unknown };

/**
 * The SBF port. The embedded default is a Markdown vault on disk; an HTTP backend for
 * SBF's `/api/v1/entities` implements the same four calls.
 */
export interface SbfStore {
  create(entity: NewEntity): Promise<AnyEntity>;
  get(uid: string): Promise<AnyEntity | null>;
  /** Shallow merge, like SBF's PATCH; refreshes `updated`. */
  update(uid: string, patch: Record<string, unknown>): Promise<AnyEntity>;
  query(q: EntityQuery): Promise<AnyEntity[]>;
  /** Called with the uid of every entity created or changed, from us or on disk. */
  onChange(listener: (uid: string) => void): () => void;
}

export class EntityNotFoundError extends Error {
  readonly status = 404;
  readonly retryable = false;
}
