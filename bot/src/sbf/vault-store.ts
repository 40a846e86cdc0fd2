import { anyEntitySchema, type AnyEntity } from '@sbf-chatwoot/shared';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Logger } from 'pino';
import writeFileAtomic from 'write-file-atomic';
import { readNote, rewriteNote, writeNote } from './frontmatter.ts';
import { EntityNotFoundError, type EntityQuery, type NewEntity, type SbfStore } from './store.ts';
import { clientSlug, nextUid, uidPrefix } from './uid.ts';

const folderFor: Record<string, string> = {
  'va.task': 'tasks',
  'va.sop': 'sops',
  'va.client': '.',
  'va.customer_support': '.',
};

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (name.endsWith('.md')) yield full;
  }
}

/** The file's text, or undefined if someone deleted it meanwhile. */
function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * SBF vault: one Markdown note per entity, YAML frontmatter + body (`content`).
 * All notes are indexed in memory at open; writes go to disk atomically (temp file + rename).
 */
export function openVaultStore(dir: string, log: Logger, now: () => Date = () => new Date()): SbfStore & {
  reloadFile(path: string): string | undefined;
  forgetFile(path: string): string | undefined;
  dir: string;
} {
  mkdirSync(dir, { recursive: true });
  const byUid = new Map<string, { path: string; entity: AnyEntity }>();
  const listeners = new Set<(uid: string) => void>();

  function load(path: string): AnyEntity | undefined {
    const note = readNote(readFileSync(path, 'utf8'));
    const parsed = note && anyEntitySchema.safeParse(note.body ? { ...note.data, content: note.body } : note.data);
    if (!parsed?.success) {
      log.warn({ file: relative(dir, path) }, 'vault note without uid/type frontmatter skipped');
      return undefined;
    }
    return parsed.data;
  }

  for (const path of walk(dir)) {
    const entity = load(path);
    if (!entity) continue;
    const clash = byUid.get(entity.uid);
    if (clash) log.warn({ uid: entity.uid, files: [clash.path, path] }, 'duplicate uid in vault; last one wins');
    byUid.set(entity.uid, { path, entity });
  }
  log.info({ dir, entities: byUid.size }, 'vault loaded');

  const emit = (uid: string) => listeners.forEach((l) => l(uid));

  /** `rewrite`: the note exists, so its frontmatter is edited in place (comments survive). */
  async function persist(path: string, entity: AnyEntity, rewrite = false) {
    const { content, ...data } = entity;
    const body = typeof content === 'string' ? content : '';
    const previous = rewrite ? readIfThere(path) : undefined;
    mkdirSync(dirname(path), { recursive: true });
    await writeFileAtomic(path, previous === undefined ? writeNote(data, body) : rewriteNote(previous, data, body));
  }

  function pathFor(entity: AnyEntity): string {
    const client = typeof entity.client_uid === 'string' ? entity.client_uid : undefined;
    const base = client ? join(dir, 'clients', clientSlug(client)) : join(dir, 'generic');
    return join(base, folderFor[entity.type] ?? entity.type.replace(/^va\./, ''), `${entity.uid}.md`);
  }

  return {
    dir,
    async create(input: NewEntity) {
      const stamp = now().toISOString();
      // The uid is taken synchronously, so concurrent creates in this process never collide.
      const uid = input.uid ?? nextUid(uidPrefix(input.type, input.client_uid), byUid.keys());
      if (byUid.has(uid)) throw Object.assign(new Error(`entity ${uid} already exists`), { status: 409 });
      const entity = anyEntitySchema.parse({ ...input, uid, created: stamp, updated: stamp });
      const path = pathFor(entity);
      byUid.set(uid, { path, entity });
      try {
        await persist(path, entity);
      } catch (err) {
        byUid.delete(uid);
        throw err;
      }
      emit(uid);
      return entity;
    },
    async get(uid) {
      return byUid.get(uid)?.entity ?? null;
    },
    async update(uid, patch) {
      const hit = byUid.get(uid);
      if (!hit) throw new EntityNotFoundError(`no SBF entity ${uid}`);
      const { uid: _u, type: _t, created: _c, ...rest } = patch;
      const entity = { ...hit.entity, ...rest, updated: now().toISOString() } as AnyEntity;
      await persist(hit.path, entity, true);
      byUid.set(uid, { path: hit.path, entity });
      emit(uid);
      return entity;
    },
    async query(q: EntityQuery) {
      const out: AnyEntity[] = [];
      for (const { entity } of byUid.values()) {
        if (q.type && entity.type !== q.type) continue;
        if (!q.allClients && (entity.client_uid ?? undefined) !== q.client_uid) continue;
        out.push(entity);
        if (q.limit && out.length >= q.limit) break;
      }
      return out;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Re-reads one file after an outside edit; returns the uid it holds. */
    reloadFile(path: string) {
      const entity = load(path);
      if (!entity) return undefined;
      byUid.set(entity.uid, { path, entity });
      emit(entity.uid);
      return entity.uid;
    },
    /** A note deleted on disk: its entity is gone (listeners see `get` return null). */
    forgetFile(path: string) {
      for (const [uid, hit] of byUid) {
        if (hit.path !== path) continue;
        byUid.delete(uid);
        emit(uid);
        return uid;
      }
      return undefined;
    },
  };
}
