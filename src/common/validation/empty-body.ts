import { BadRequestException, Body, PipeTransform } from '@nestjs/common';

/** For actions that take no fields: `{}` or no body; any field is refused, naming it. */
class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new BadRequestException('The body must be an empty object');
    const [first] = Object.keys(value);
    if (first !== undefined) throw new BadRequestException(`property ${first} should not exist`);
    return {};
  }
}

export const EmptyBody = (): ParameterDecorator => Body(new EmptyBodyPipe());
