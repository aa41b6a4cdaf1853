import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '../domain/iso-date';

/** A calendar date `YYYY-MM-DD` that exists (2011-02-30 does not). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) =>
          `${args?.property} must be a real calendar date in the form YYYY-MM-DD`,
      },
    },
    options,
  );
}

/**
 * An integer query parameter. Only a plain run of digits converts, so `1.5`, `1e3` or an
 * empty value stay strings and fail IsInt with a message naming the parameter.
 */
export function IntegerParam(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^-?\d{1,12}$/.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** Surrounding spaces are not part of a name or a reason. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
}

/** A boolean query parameter: only `true` or `false`. */
export function BooleanParam(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
}
