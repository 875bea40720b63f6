import type { Database } from '../../db/database.js';
import { SUPPRESSION_THRESHOLD, type PublicFigures } from '../../domain/statistics-public.js';
import { findSnapshotInfo } from './statistics.repository.js';
import { publicCsv } from './statistics.csv.js';
import { publicStatisticsSchema } from './statistics.schemas.js';
import { publicFigures } from './statistics.service.js';

const NO_FIGURES: PublicFigures = { generatedAt: null, suppressionThreshold: SUPPRESSION_THRESHOLD, months: [], topics: [], cells: [] };

export interface PublicFiguresCopy {
  figures: PublicFigures;
  /** The figures as the JSON answer and as CSV, made once per snapshot rather than per request. */
  json: string;
  csv: string;
}

/**
 * The public figures of the last snapshot, kept in memory with their JSON and CSV. Anyone
 * may ask for them as often as they like, and they change once a night: a request asks
 * the database only when the snapshot was made (one small row), and reads and serialises
 * the figures again only when that changed, so a refresh by any process shows at once.
 * Requests arriving while the figures are read share the one read.
 */
export class PublicFiguresCache {
  private copy: { generatedAt: number | null; value: PublicFiguresCopy } | null = null;
  private reading: Promise<PublicFiguresCopy> | null = null;

  constructor(private readonly db: Database) {}

  async get(): Promise<PublicFiguresCopy> {
    const generatedAt = (await findSnapshotInfo(this.db))?.generatedAt.getTime() ?? null;
    if (this.copy && this.copy.generatedAt === generatedAt) return this.copy.value;
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<PublicFiguresCopy> {
    const figures = (await publicFigures(this.db)) ?? NO_FIGURES;
    // Checked against the published schema once, as the serialiser would on every answer.
    const json = JSON.stringify(publicStatisticsSchema.parse(figures));
    const value = { figures, json, csv: publicCsv(figures) };
    this.copy = { generatedAt: figures.generatedAt === null ? null : Date.parse(figures.generatedAt), value };
    return value;
  }
}
