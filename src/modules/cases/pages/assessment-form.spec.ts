import { answersOf, assessmentBodyOf } from './assessment-form';
import { actionButtons, ELEMENT_NAMES, eventText, FORM_DOMAINS } from './caf-wording';
import { ELEMENT_CODES } from '../domain/caf-elements';

describe('the CAF form’s answers and the API body', () => {
  it('sends only the elements given a level, in form order, with their notes and the version', () => {
    const { body, errors } = assessmentBodyOf({
      wider_family: '2',
      general_health: '1',
      'general_health-notes': '  Asthma  ',
      aspirations: '0',
      strengths: ' Football ',
      needsSummary: '   ',
      version: '3',
    });
    expect(errors).toEqual([]);
    expect(body).toEqual({
      elements: [
        { code: 'general_health', level: 1, notes: 'Asthma' },
        { code: 'aspirations', level: 0 },
        { code: 'wider_family', level: 2 },
      ],
      strengths: 'Football',
      version: 3,
    });
  });

  it.each([
    ['7', '7'],
    ['1.5', '1.5'],
    ['x', 'x'],
  ])('passes a level of %j on as typed, for the API to refuse', (typed, sent) => {
    const { body } = assessmentBodyOf({ general_health: typed, version: '1' });
    expect(body.elements).toEqual([{ code: 'general_health', level: sent }]);
  });

  it('refuses notes on an element left without a level, naming the element', () => {
    const { body, errors } = assessmentBodyOf({ 'wider_family-notes': 'Gran helps', version: '1' });
    expect(body.elements).toEqual([]);
    expect(errors).toEqual([
      { field: 'wider_family', text: 'Select a level for wider family, or remove its notes' },
    ]);
  });

  it('reads a missing or non-numeric version as NaN, which the API refuses', () => {
    expect(assessmentBodyOf({}).body.version).toBeNaN();
    expect(assessmentBodyOf({ version: '1e3' }).body.version).toBeNaN();
  });

  it('shows a saved draft again as the answers it was saved from (a second sitting)', () => {
    const posted = {
      general_health: '1',
      'general_health-notes': 'Asthma',
      wider_family: '2',
      strengths: 'Football',
      version: '2',
    };
    const { body } = assessmentBodyOf(posted);
    const saved = {
      elements: body.elements as { code: 'general_health'; level: number; notes?: string }[],
      strengths: 'Football',
      needsSummary: null,
      childViews: null,
      parentViews: null,
    };
    expect(answersOf(saved)).toEqual({
      general_health: '1',
      'general_health-notes': 'Asthma',
      wider_family: '2',
      strengths: 'Football',
      needsSummary: '',
      childViews: '',
      parentViews: '',
    });
  });
});

describe('the CAF pages’ wording', () => {
  it('names every element of the national form once, in its domain, in form order', () => {
    expect(FORM_DOMAINS.map((d) => d.title)).toEqual([
      'Development of the child',
      'Parents and carers',
      'Family and environmental factors',
    ]);
    expect(FORM_DOMAINS.flatMap((d) => d.elements.map((e) => e.code))).toEqual([...ELEMENT_CODES]);
    expect(new Set(Object.values(ELEMENT_NAMES)).size).toBe(19);
    expect(ELEMENT_NAMES.speech_language_communication).toBe('Speech, language and communication');
  });

  const all = [
    'record_pre_assessment',
    'save_assessment',
    'record_consent',
    'complete_assessment',
    'decide_tier',
    'confirm_tier',
    'add_member',
    'close',
  ] as const;

  it.each([
    [
      'a CAF in progress',
      false,
      false,
      false,
      [
        'Record pre-assessment checklist',
        'Edit the CAF',
        'Record consent',
        'Complete CAF',
        'Close the case',
      ],
    ],
    [
      'a completed CAF',
      true,
      false,
      false,
      [
        'Record pre-assessment checklist',
        'Edit the CAF',
        'Record consent',
        'Record tier decision',
        'Close the case',
      ],
    ],
    [
      'a decision waiting, for the practitioner',
      true,
      true,
      false,
      ['Record pre-assessment checklist', 'Edit the CAF', 'Record consent', 'Close the case'],
    ],
    [
      'a decision waiting, for a locality manager',
      true,
      true,
      true,
      [
        'Record pre-assessment checklist',
        'Edit the CAF',
        'Record consent',
        'Confirm tier decision',
        'Close the case',
      ],
    ],
  ])(
    'offers the buttons that have a page for %s',
    (_, assessmentCompleted, tierPending, reviewer, texts) => {
      const buttons = actionButtons('c1', {
        allowedActions: all,
        assessmentCompleted,
        tierPending,
        reviewer,
      });
      expect(buttons.map((b) => b.text)).toEqual(texts);
      expect(buttons.every((b) => b.href.startsWith('/cases/c1/'))).toBe(true);
    },
  );

  it('offers a closed case only what its state allows: reopening', () => {
    expect(
      actionButtons('c1', {
        allowedActions: ['reopen'],
        assessmentCompleted: true,
        tierPending: false,
        reviewer: true,
      }),
    ).toEqual([{ text: 'Reopen the case', href: '/cases/c1/reopen' }]);
  });

  it.each([
    ['case.created', {}, 'CAF started'],
    ['assessment.completed', { suggestedTier: 3 }, 'CAF completed: tier 3 suggested'],
    [
      'tier.decided',
      { tier: 3, status: 'pending' },
      'Tier 3 decided, awaiting a locality manager’s confirmation',
    ],
    ['tier.decided', { tier: 2, status: 'confirmed' }, 'Tier 2 decided'],
    ['tac.member_added', {}, 'Joined the team around the child'],
    ['something.new', {}, 'Something new'],
  ])('says %s %j as “%s”', (type, details, words) => {
    expect(eventText(type, details)).toBe(words);
  });
});
