import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * One message per field, naming the rule a user has to fix first:
 * - a field that is missing (or null) where it is required: "<field> is required";
 * - otherwise the first rule as the DTO declares them, top to bottom (IsString before
 *   MaxLength). class-validator registers property decorators bottom-up, so its
 *   `stopAtFirstError` would stop at the last declared rule ("name must be shorter than or
 *   equal to 100 characters" for a missing name): every rule is checked and the first
 *   declared of those that failed is reported.
 */
function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    const failed = Object.keys(constraints);
    const own: string[] = [];
    if (failed.length > 0) {
      if (constraints['whitelistValidation'] !== undefined) {
        own.push(`property ${path} should not exist`);
      } else if (error.value === undefined || error.value === null) {
        own.push(`${path} is required`);
      } else {
        const text = constraints[failed[failed.length - 1]];
        // class-validator starts each message with the bare property name; give the full path.
        own.push(
          text.startsWith(`${error.property} `) ||
            text.startsWith(`each value in ${error.property} `)
            ? text.replace(error.property, path)
            : `${path}: ${text}`,
        );
      }
    }
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/** Whitelisted, strict validation: unknown fields are refused and every message names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new BadRequestException(describe(errors).join('; ')),
  });
}
