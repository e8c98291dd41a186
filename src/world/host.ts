import { randomUUID } from 'node:crypto';
import { ErrandError } from '../errors.js';
import { type OpenOptions, type Snapshot, World } from './world.js';

/**
 * The worlds a server holds: the main one and any forks, plus named snapshots.
 * A bench can fork a world per trial and talk to each fork at its own URL.
 */
export class WorldHost {
  readonly worlds = new Map<string, World>();
  readonly snapshots = new Map<string, Snapshot>();

  constructor(main: World) {
    this.worlds.set('main', main);
  }

  /** Opens a host on a newly seeded (or file-backed) world. */
  static open(options: OpenOptions = {}): WorldHost {
    return new WorldHost(World.open(options));
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
    this.snapshots.set(id, this.world(worldId).snapshot());
    return id;
  }

  /** A saved snapshot, or NOT_FOUND. */
  getSnapshot(id: string): Snapshot {
    const snap = this.snapshots.get(id);
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
