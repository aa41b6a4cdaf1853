import {
  allowedActions,
  assertAllowed,
  assertClosable,
  assertItemTransition,
  assertReopenable,
  activatesCase,
  CaseAction,
  CaseRuleViolation,
  CaseStatus,
  reopenDeadline,
  tierDecisionStatus,
} from './case-lifecycle';

function violation(run: () => void): CaseRuleViolation | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof CaseRuleViolation) return error;
    throw error;
  }
}

describe('case lifecycle', () => {
  const everyAction: CaseAction[] = [
    'save_assessment',
    'record_consent',
    'withdraw_consent',
    'complete_assessment',
    'decide_tier',
    'confirm_tier',
    'add_member',
    'set_lead_professional',
    'schedule_meeting',
    'record_meeting',
    'cancel_meeting',
    'add_action_item',
    'update_action_item',
    'close',
    'reopen',
  ];
  const allowed: Record<CaseStatus, CaseAction[]> = {
    assessment: [
      'save_assessment',
      'record_consent',
      'withdraw_consent',
      'complete_assessment',
      'decide_tier',
      'confirm_tier',
      'add_member',
      'close',
    ],
    active: everyAction.filter((a) => a !== 'reopen'),
    closed: ['reopen'],
  };

  describe.each(Object.entries(allowed) as [CaseStatus, CaseAction[]][])(
    'a case in %s',
    (status, actions) => {
      it.each(everyAction)(`allows %s only if listed`, (action) => {
        const error = violation(() => assertAllowed(status, action));
        if (actions.includes(action)) {
          expect(error).toBeUndefined();
        } else {
          expect(error?.kind).toBe('state');
          expect(error?.message).toBe(
            `The case is ${status}: ${action} is not allowed; allowed actions: ${allowedActions(status).join(', ')}`,
          );
        }
      });
    },
  );

  it.each([
    // tier, suggested, reason, outcome
    [2, 2, undefined, 'confirmed'],
    [3, 3, undefined, 'confirmed'],
    [3, 2, 'Escalating school concerns', 'pending'],
    [2, 3, 'Family engaging well', 'pending'],
  ] as const)('decides tier %i against suggestion %i as %s', (tier, suggested, reason, outcome) => {
    expect(tierDecisionStatus(tier, suggested, reason)).toBe(
      outcome === 'confirmed' ? 'confirmed' : 'pending',
    );
  });

  it.each([
    [3, 2, undefined, 'reason is required when the tier (3) differs from the suggested tier (2)'],
    [3, 2, '   ', 'reason is required when the tier (3) differs from the suggested tier (2)'],
    [2, null, 'x', 'Complete the CAF assessment before deciding the tier'],
  ] as const)(
    'refuses tier %s against suggestion %s with reason %j',
    (tier, suggested, reason, message) => {
      expect(violation(() => tierDecisionStatus(tier, suggested, reason))).toMatchObject({
        kind: 'rule',
        message,
      });
    },
  );

  it.each([
    ['assessment', 1, false],
    ['assessment', 2, true],
    ['assessment', 4, true],
    ['active', 3, false],
    ['closed', 3, false],
  ] as const)('a %s case with confirmed tier %i becomes active: %s', (status, tier, expected) => {
    expect(activatesCase(status, tier)).toBe(expected);
  });

  describe('closing', () => {
    const facts = { reason: 'needs_met' as const, unfinishedItems: 0, hasAcceptedReferral: false };

    it.each([
      ['active', { ...facts }, undefined],
      ['assessment', { ...facts, reason: 'no_longer_eligible' as const }, undefined],
      ['active', { ...facts, reason: 'other' as const, note: 'Family moved abroad' }, undefined],
      ['active', { ...facts, reason: 'stepped_up' as const, hasAcceptedReferral: true }, undefined],
      [
        'active',
        { ...facts, unfinishedItems: 2 },
        'needs_met requires every action-plan item to be implemented or cancelled; 2 are not',
      ],
      [
        'active',
        { ...facts, reason: 'other' as const },
        'note is required when the closure reason is other',
      ],
      [
        'active',
        { ...facts, reason: 'stepped_up' as const },
        'stepped_up requires a referral from this case accepted by social care (decision initial_assessment)',
      ],
    ] as const)('closes a %s case with %j → %s', (status, closure, message) => {
      const error = violation(() => assertClosable(status, closure));
      if (message === undefined) expect(error).toBeUndefined();
      else expect(error).toMatchObject({ kind: 'rule', message });
    });

    it('refuses to close a closed case, as a state conflict', () => {
      expect(violation(() => assertClosable('closed', facts))?.kind).toBe('state');
    });
  });

  describe('reopening', () => {
    it.each([
      ['2011-01-15', '2011-04-15'],
      ['2011-11-30', '2012-02-29'],
      ['2010-11-30', '2011-02-28'],
      ['2011-12-31', '2012-03-31'],
      ['2011-05-31', '2011-08-31'],
      ['2012-03-31', '2012-06-30'],
    ])('allows a case closed on %s to be reopened until %s', (closedOn, deadline) => {
      expect(reopenDeadline(closedOn)).toBe(deadline);
    });

    it.each([
      ['2011-04-15', 0, undefined],
      [
        '2011-04-16',
        0,
        'A case can be reopened only within 3 months of closure (until 2011-04-15); start a new case',
      ],
      ['2011-02-01', 1, 'A case can be reopened only once; start a new case'],
    ] as const)(
      'on %s after %i reopenings of a case closed 2011-01-15: %s',
      (today, reopenings, message) => {
        const error = violation(() => assertReopenable('closed', '2011-01-15', reopenings, today));
        if (message === undefined) expect(error).toBeUndefined();
        else expect(error).toMatchObject({ kind: 'rule', message });
      },
    );

    it('refuses to reopen a case that is not closed', () => {
      expect(violation(() => assertReopenable('active', null, 0, '2011-01-01'))?.kind).toBe(
        'state',
      );
    });
  });

  describe('action items', () => {
    it.each([
      ['planned', 'in_progress', undefined, undefined],
      ['planned', 'implemented', undefined, undefined],
      ['in_progress', 'not_implemented', undefined, undefined],
      ['not_implemented', 'in_progress', undefined, undefined],
      ['planned', 'cancelled', 'No longer needed', undefined],
      ['planned', 'cancelled', undefined, 'rule'],
      ['implemented', 'in_progress', undefined, 'state'],
      ['cancelled', 'planned', undefined, 'state'],
      ['implemented', 'implemented', undefined, undefined],
    ] as const)('moves an item from %s to %s (reason %j): %s', (from, to, reason, kind) => {
      const error = violation(() => assertItemTransition(from, to, reason));
      if (kind === undefined) expect(error).toBeUndefined();
      else expect(error?.kind).toBe(kind);
    });
  });
});
