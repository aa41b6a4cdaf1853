import { notFound } from '../../../common/errors/domain-error';
import type { FormFields } from '../../../web/forms/service-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record's id from a page's path or query. Anything that is not an id is the same "Page not
 * found" as a record the user may not see.
 */
export function recordIdOf(value: unknown, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw notFound(what);
  return value.toLowerCase();
}

/** An optional id from a query or a hidden field: undefined when absent, 404 when not an id. */
export function optionalIdOf(value: unknown, what: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  return recordIdOf(value, what);
}

/** The referral form's fields as the API names them, in a practitioner's words. */
export const REFERRAL_FIELDS: FormFields = {
  referredAt: {
    id: 'referredAt-day',
    label: 'the referral date',
    messages: { 'cannot be in the future': 'The referral date must be today or in the past' },
  },
  source: { id: 'source', label: 'who the referral comes from' },
  reason: { id: 'reason', label: 'the reason for the referral' },
  safeguardingReason: {
    id: 'safeguardingReason',
    label: 'why you are sharing without the family’s consent',
    messages: {
      'is required': 'Enter why you are sharing without the family’s consent',
    },
  },
  caseId: {
    id: 'source',
    label: 'the case',
    messages: {
      'is required':
        'A practitioner refers from a case they are linked to: refer from the case page',
    },
  },
};

export const DECISION_FIELDS: FormFields = {
  outcome: { id: 'outcome', label: 'the decision' },
  decidedAt: {
    id: 'decidedAt-day',
    label: 'the date decided',
    messages: {
      'cannot be in the future': 'The date decided must be today or in the past',
      'cannot be before referredAt': 'The date decided cannot be before the referral date',
    },
  },
  reason: { id: 'reason', label: 'why the decision is corrected' },
};

export const START_FIELDS: FormFields = {
  assignedToUserId: {
    id: 'assignedToUserId',
    label: 'the social care worker to assign',
    messages: {
      'must be an active social care worker': 'Select an active social care worker to assign',
    },
  },
};
