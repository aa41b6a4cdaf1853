import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../../common/errors/error-response';

/** Who reads referrals and assessments, and who manages them. */
export const READERS = ['practitioner', 'locality_manager', 'social_care'] as const;
export const MANAGERS = ['locality_manager', 'social_care'] as const;

/** The referral and assessment controllers: one OpenAPI tag and the answers they share. */
export function ReferralsApi(): ClassDecorator {
  return applyDecorators(
    ApiTags('referrals and assessments'),
    ApiBadRequestResponse({
      type: ErrorResponse,
      description: 'A field or parameter is not valid',
    }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'No such record visible to you' }),
    ApiConflictResponse({
      type: ErrorResponse,
      description: 'Already decided/started/completed, or a stale version',
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorResponse,
      description: 'A rule is broken (dates in the future or out of order, …)',
    }),
    Controller(),
  );
}
