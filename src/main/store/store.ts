// The store: one connection and one repository per table. Every state change goes through `tx` so it is a
// single SQLite transaction (DESIGN.md §5).
import { openDatabase, type Db, type OpenOptions } from './database.ts';
import { databasePath } from './data-folder.ts';
import { EventsRepository } from './repositories/events.ts';
import { ExportRowsRepository } from './repositories/export-rows.ts';
import { GatewayRepository } from './repositories/gateway.ts';
import { IntentsRepository } from './repositories/intents.ts';
import { JobsRepository } from './repositories/jobs.ts';
import { LeasesRepository } from './repositories/leases.ts';
import { OrphansRepository } from './repositories/orphans.ts';
import { ProviderBatchesRepository } from './repositories/provider-batches.ts';
import { ResultsRepository } from './repositories/results.ts';
import { RunsRepository } from './repositories/runs.ts';
import { SettingsRepository } from './repositories/settings.ts';

export class Store {
  readonly runs: RunsRepository;
  readonly jobs: JobsRepository;
  readonly batches: ProviderBatchesRepository;
  readonly results: ResultsRepository;
  readonly events: EventsRepository;
  readonly intents: IntentsRepository;
  readonly settings: SettingsRepository;
  readonly leases: LeasesRepository;
  readonly orphans: OrphansRepository;
  readonly gateway: GatewayRepository;
  readonly exportRows: ExportRowsRepository;

  private readonly db: Db;
  readonly dataFolder: string;

  constructor(db: Db, dataFolder: string) {
    this.db = db;
    this.dataFolder = dataFolder;
    this.runs = new RunsRepository(db);
    this.jobs = new JobsRepository(db);
    this.batches = new ProviderBatchesRepository(db);
    this.results = new ResultsRepository(db);
    this.events = new EventsRepository(db);
    this.intents = new IntentsRepository(db);
    this.settings = new SettingsRepository(db);
    this.leases = new LeasesRepository(db);
    this.orphans = new OrphansRepository(db);
    this.gateway = new GatewayRepository(db);
    this.exportRows = new ExportRowsRepository(db);
  }

  static open(dataFolder: string, options: OpenOptions = {}): Store {
    return new Store(openDatabase(databasePath(dataFolder), options), dataFolder);
  }

  tx<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * A transaction that survives a power cut once it has returned (synchronous = FULL for its commit): for the rows
   * that guard remote side effects (intents, the commit of a remote id, orphans), whose loss could send a batch
   * twice. Nested in another transaction, it commits with that one.
   */
  durableTx<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    this.db.pragma('synchronous = FULL');
    try {
      return this.tx(work);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
