import { readFileSync } from 'fs';
import { join } from 'path';
import { bankHolidayDates, parseBankHolidayList } from '../../calendar/domain/bank-holidays';
import type { NonWorkingDays } from '../../calendar/domain/working-days';
import { addWorkingDays } from '../../calendar/domain/working-days';
import { singleAssessmentStages, type PlannedStage } from './reminder-plan';

const BANK_HOLIDAYS: NonWorkingDays = bankHolidayDates(
  parseBankHolidayList(
    JSON.parse(
      readFileSync(join(__dirname, '../../../../config/bank-holidays.json'), 'utf8'),
    ) as unknown,
  ),
);

const lines = (stages: readonly PlannedStage[]): string[] =>
  stages.map((s) => `${s.stage} ${s.type} ${s.recipientUserId} ${s.fireAt.toISOString()}`);

describe('singleAssessmentStages', () => {
  it('reminds the worker 5 working days before and on the due date, and escalates the working day after, at 09:00 London', () => {
    // Referral Monday 2014-02-03: due 45 working days later, Monday 2014-04-07 (BST from 30 March).
    const due = addWorkingDays('2014-02-03', 45, BANK_HOLIDAYS);
    expect(due).toBe('2014-04-07');
    expect(lines(singleAssessmentStages(due, 'worker', ['manager'], BANK_HOLIDAYS))).toEqual([
      'sa_due_soon_5 assessment_due_soon worker 2014-03-31T08:00:00.000Z',
      'sa_due assessment_due worker 2014-04-07T08:00:00.000Z',
      'sa_overdue assessment_overdue manager 2014-04-08T08:00:00.000Z',
    ]);
  });

  it('skips bank holidays: due Thursday 2014-04-17, escalated on Tuesday 2014-04-22 after Easter', () => {
    expect(
      lines(singleAssessmentStages('2014-04-17', 'worker', ['m1', 'm2', 'm1'], BANK_HOLIDAYS)),
    ).toEqual([
      'sa_due_soon_5 assessment_due_soon worker 2014-04-10T08:00:00.000Z',
      'sa_due assessment_due worker 2014-04-17T08:00:00.000Z',
      'sa_overdue assessment_overdue m1 2014-04-22T08:00:00.000Z',
      'sa_overdue assessment_overdue m2 2014-04-22T08:00:00.000Z',
    ]);
  });

  it('has no escalation without anyone to escalate to', () => {
    expect(
      singleAssessmentStages('2014-04-07', 'worker', [], BANK_HOLIDAYS).map((s) => s.stage),
    ).toEqual(['sa_due_soon_5', 'sa_due']);
  });
});
