import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { Database } from '../../database/database';
import {
  checkEnteredValue,
  parseValuesCsv,
  type CsvProblem,
  type EnteredInput,
} from './domain/entered-values';
import { parsePeriod, PeriodError } from './domain/periods';
import { indicatorsOf, planYears, unitOfIndicator, type PlanIndicator } from './domain/plan';
import {
  PlanReportRepository,
  type CommentaryRow,
  type EnteredValueRow,
} from './plan-report.repository';
import { PlansService } from './plans.service';

export interface CsvLoadAnswer {
  rows: number;
  indicators: string[];
  periods: string[];
}

/** Who may enter figures and commentary (docs/domain.md#entered-indicators). */
const WRITERS = ['performance_manager', 'admin'] as const;

/** A CSV load refused: every bad row and column, in words and as a list. */
export class CsvRefused extends DomainError {
  constructor(readonly problems: CsvProblem[]) {
    super(
      'VALIDATION_FAILED',
      `nothing was loaded: ${problems
        .slice(0, 50)
        .map((p) => `row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message}`)
        .join('; ')}${problems.length > 50 ? `; and ${problems.length - 50} more` : ''}`,
    );
  }
}

/**
 * The parts of the plan report the service does not compute: figures entered for indicators on
 * metric `entered` (one by one or as a CSV, all or nothing) and the commentary beside each
 * indicator and period. Every change is versioned and audited in its transaction.
 */
@Injectable()
export class PlanReportService {
  constructor(
    private readonly db: Database,
    private readonly repository: PlanReportRepository,
    private readonly plans: PlansService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async putValue(
    actor: Actor,
    code: string,
    input: EnteredInput & { version?: number },
  ): Promise<EnteredValueRow> {
    this.assertWriter(actor);
    const { plan } = await this.plans.get();
    const indicator = this.indicator(plan, code);
    if (indicator.metric !== 'entered') {
      throw new DomainError(
        'RULE_VIOLATED',
        `indicator ${code} is computed by the service from its ${indicator.metric} metric; only indicators on metric entered take values`,
      );
    }
    const checked = checkEnteredValue(
      input,
      unitOfIndicator(indicator),
      planYears(plan, this.clock.today()),
    );
    if (!checked.value) {
      throw new DomainError('VALIDATION_FAILED', checked.problems.map((p) => p.message).join('; '));
    }
    const value = checked.value;
    const period = parsePeriod(value.period);
    return this.db.transaction(async (sql) => {
      if (
        value.localityId !== null &&
        !(await this.repository.localityExists(sql, value.localityId))
      ) {
        throw new DomainError('VALIDATION_FAILED', 'localityId is not a locality');
      }
      const current = await this.repository.lockEnteredValue(
        sql,
        code,
        value.period,
        value.localityId,
      );
      if (current && input.version === undefined) {
        throw new DomainError(
          'VERSION_CONFLICT',
          `a value is entered already for ${code} in ${value.period} (version ${current.version}); send version to replace it`,
        );
      }
      if (current && input.version !== current.version) throw staleVersion('The entered value');
      if (!current && input.version !== undefined && input.version !== 0) {
        throw staleVersion('The entered value');
      }
      const [row] = await this.repository.upsertEnteredValues(
        sql,
        [{ ...value, indicatorCode: code, periodFrom: period.from, periodTo: period.to }],
        actor.id,
        'api',
      );
      await this.audit.record(sql, actor, {
        action: current ? 'kpi_entered_value.changed' : 'kpi_entered_value.entered',
        entityType: 'kpi_entered_value',
        entityId: row.id,
        details: {
          indicator: code,
          period: value.period,
          localityId: value.localityId,
          version: row.version,
        },
      });
      return row;
    });
  }

  /**
   * An entered indicator's values, newest period first, with who entered each (at most
   * `limit`): the admin's plan page lists them to replace one (its version).
   */
  async enteredValues(
    actor: Actor,
    code: string,
    limit = 100,
  ): Promise<(EnteredValueRow & { updatedByName: string | null })[]> {
    this.assertWriter(actor);
    const { plan } = await this.plans.get();
    this.indicator(plan, code);
    return this.db.read((sql) => this.repository.enteredValuesOf(sql, code, limit));
  }

  /** The value entered for exactly this period and place (null: the authority), if any. */
  async enteredValue(
    actor: Actor,
    code: string,
    period: string,
    localityId: string | null,
  ): Promise<EnteredValueRow | null> {
    this.assertWriter(actor);
    const row = await this.db.read((sql) =>
      this.repository.findEnteredValue(sql, code, period, localityId),
    );
    return row ?? null;
  }

  /** A CSV of the feed's columns: every row checked, then all stored, or nothing. */
  async loadCsv(actor: Actor, text: string): Promise<CsvLoadAnswer> {
    this.assertWriter(actor);
    if (typeof text !== 'string' || text.trim() === '') {
      throw new DomainError(
        'VALIDATION_FAILED',
        'the body must be a CSV file (Content-Type: text/csv) with a header row',
      );
    }
    const { plan } = await this.plans.get();
    const all = indicatorsOf(plan);
    return this.db.transaction(async (sql) => {
      const parsed = parseValuesCsv(text, {
        indicators: new Map(
          all
            .filter((i) => i.metric === 'entered')
            .map((i) => [i.code, { unit: unitOfIndicator(i) }] as const),
        ),
        allIndicators: new Set(all.map((i) => i.code)),
        localities: await this.repository.localityCodes(sql),
        years: planYears(plan, this.clock.today()),
      });
      if (!parsed.rows) throw new CsvRefused(parsed.problems);
      const stored = await this.repository.upsertEnteredValues(
        sql,
        parsed.rows.map((row) => {
          const period = parsePeriod(row.period);
          return { ...row, periodFrom: period.from, periodTo: period.to };
        }),
        actor.id,
        'csv',
      );
      const indicators = [...new Set(parsed.rows.map((r) => r.indicatorCode))].sort();
      const periods = [...new Set(parsed.rows.map((r) => r.period))].sort();
      await this.audit.recordMany(
        sql,
        actor,
        stored.map((row) => ({
          action: row.version === 1 ? 'kpi_entered_value.entered' : 'kpi_entered_value.changed',
          entityType: 'kpi_entered_value',
          entityId: row.id,
          details: {
            indicator: row.indicatorCode,
            period: row.period,
            localityId: row.localityId,
            version: row.version,
            source: 'csv',
          },
        })),
      );
      return { rows: stored.length, indicators, periods };
    });
  }

  async putCommentary(
    actor: Actor,
    code: string,
    input: { period: string; text: string; version?: number },
  ): Promise<CommentaryRow> {
    this.assertWriter(actor);
    const { plan } = await this.plans.get();
    this.indicator(plan, code);
    let period: string;
    try {
      period = parsePeriod(input.period).id;
    } catch (error) {
      if (error instanceof PeriodError) throw new DomainError('VALIDATION_FAILED', error.message);
      throw error;
    }
    return this.db.transaction(async (sql) => {
      const current = await this.repository.lockCommentary(sql, code, period);
      if (current && input.version === undefined) {
        throw new DomainError(
          'VERSION_CONFLICT',
          `${code} has commentary for ${period} already (version ${current.version}); send version to replace it`,
        );
      }
      if (current && input.version !== current.version) throw staleVersion('The commentary');
      const row = await this.repository.putCommentary(sql, code, period, input.text, actor.id);
      await this.audit.record(sql, actor, {
        action: current ? 'kpi_commentary.changed' : 'kpi_commentary.written',
        entityType: 'kpi_commentary',
        entityId: `${code}/${period}`,
        details: { indicator: code, period, version: row.version },
      });
      return row;
    });
  }

  private indicator(plan: Parameters<typeof indicatorsOf>[0], code: string): PlanIndicator {
    const indicator = indicatorsOf(plan).find((i) => i.code === code);
    if (!indicator) throw notFound('Indicator');
    return indicator;
  }

  private assertWriter(actor: Actor): void {
    if (!(WRITERS as readonly string[]).includes(actor.role)) {
      throw new DomainError(
        'FORBIDDEN',
        'only performance managers and admins enter figures and commentary',
      );
    }
  }
}
