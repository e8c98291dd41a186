import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ErrandError } from '../errors.js';
import { type OpenOptions, type Snapshot, World } from './world.js';
import { worldFileError } from './world-file.js';

/** How to open a host whose state lives in a data folder: the world file and the snapshots beside it. */
export interface DataOptions {
  /** The folder: `world.db` and `snapshots/` (made when missing). */
  dir: string;
  /** The seed a new world is built from; an existing one keeps its own. */
  seed?: number;
  /** Who errand acts for. */
  persona?: string;
}

const SNAPSHOT_ID = /^snap_[0-9a-f]{8}$/;

/**
 * The worlds a server holds: the main one and any forks, plus named snapshots.
 * A bench can fork a world per trial and talk to each fork at its own URL.
 */
export class WorldHost {
  readonly worlds = new Map<string, World>();
  readonly snapshots = new Map<string, Snapshot>();
  /** Where snapshots are kept on disk, so they outlive the server; none keeps them in memory only. */
  readonly #snapshotDir: string | undefined;

  constructor(main: World, options: { snapshotDir?: string } = {}) {
    this.worlds.set('main', main);
    this.#snapshotDir = options.snapshotDir;
  }

  /** Opens a host on a newly seeded (or file-backed) world. */
  static open(options: OpenOptions = {}): WorldHost {
    return new WorldHost(World.open(options));
  }

  /** Opens a host whose world and snapshots are kept in a folder, as they were left there. */
  static openData(options: DataOptions): WorldHost {
    const snapshotDir = join(options.dir, 'snapshots');
    try {
      mkdirSync(snapshotDir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw worldFileError(err, snapshotDir);
    }
    const world = World.open({
      seed: options.seed,
      persona: options.persona,
      file: join(options.dir, 'world.db'),
    });
    return new WorldHost(world, { snapshotDir });
  }

  /** The main world. */
  get main(): World {
    return this.world('main');
  }

  /** A world by id, or NOT_FOUND. */
  world(id: string): World {
    const world = this.worlds.get(id);
    if (!world)
      throw new ErrandError(
        'NOT_FOUND',
        `No world "${id}"; worlds are ${[...this.worlds.keys()].join(', ')}.`,
      );
    return world;
  }

  /** Saves a snapshot of a world and returns its id. */
  snapshot(worldId: string): string {
    const id = `snap_${randomUUID().slice(0, 8)}`;
    const snap = this.world(worldId).snapshot();
    if (this.#snapshotDir) keepWhole(join(this.#snapshotDir, `${id}.db`), snap.bytes);
    this.snapshots.set(id, snap);
    return id;
  }

  /** A saved snapshot (from memory, or from the data folder after a restart), or NOT_FOUND. */
  getSnapshot(id: string): Snapshot {
    let snap = this.snapshots.get(id);
    if (!snap && this.#snapshotDir && SNAPSHOT_ID.test(id)) {
      try {
        snap = { bytes: readFileSync(join(this.#snapshotDir, `${id}.db`)) };
        this.snapshots.set(id, snap);
      } catch {
        // not kept either
      }
    }
    if (!snap) throw new ErrandError('NOT_FOUND', `No snapshot "${id}".`);
    return snap;
  }

  /** Makes an independent copy of a world (or of a snapshot) and returns its id. */
  fork(worldId: string, snapshotId?: string): string {
    const id = `w_${randomUUID().slice(0, 8)}`;
    this.worlds.set(
      id,
      snapshotId ? World.fromSnapshot(this.getSnapshot(snapshotId)) : this.world(worldId).fork(),
    );
    return id;
  }

  /** Drops a fork. */
  drop(worldId: string): void {
    if (worldId === 'main') throw new ErrandError('CONFLICT', 'The main world cannot be dropped.');
    this.world(worldId).close();
    this.worlds.delete(worldId);
  }

  /** Closes every world. */
  close(): void {
    for (const world of this.worlds.values()) world.close();
    this.worlds.clear();
  }
}

/** Writes a snapshot file whole or not at all: synced to a temporary name, then renamed into place. */
function keepWhole(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    throw worldFileError(err, file);
  }
}
