import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { IntegerParam, IsIsoDate, Trim } from '../../../common/validation/decorators';

export const MAX_WORKING_DAYS = 3650;

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2011-04-21', description: 'Day 0' })
  @IsDefined()
  @IsIsoDate()
  date!: string;

  @ApiProperty({ type: 'integer', example: 7, minimum: 0, maximum: MAX_WORKING_DAYS })
  @IsDefined()
  @IntegerParam(0, MAX_WORKING_DAYS)
  days!: number;

  @ApiPropertyOptional({ format: 'uuid', description: "Also skip this locality's closure days" })
  @IsOptional()
  @IsUUID()
  localityId?: string;
}

export class WorkingDaysQuery {
  @ApiProperty({ example: '2011-04-21' })
  @IsDefined()
  @IsIsoDate()
  from!: string;

  @ApiProperty({ example: '2011-05-06' })
  @IsDefined()
  @IsIsoDate()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Also skip this locality's closure days" })
  @IsOptional()
  @IsUUID()
  localityId?: string;
}

export class AddWorkingDaysDto {
  @ApiProperty({ example: '2011-04-21' }) date!: string;
  @ApiProperty({ example: 7 }) days!: number;
  @ApiProperty({ example: '2011-05-06', description: 'The days-th working day after date' })
  result!: string;
  @ApiProperty({
    example: false,
    description:
      'true when the count crosses a year the official bank holiday list does not cover: the standing rules were used there',
  })
  provisional!: boolean;
}

export class WorkingDaysDto {
  @ApiProperty({ example: '2011-04-21' }) from!: string;
  @ApiProperty({ example: '2011-05-06' }) to!: string;
  @ApiProperty({ example: 7, description: 'Working days after from, up to and including to' })
  workingDays!: number;
  @ApiProperty({
    example: false,
    description:
      'true when the range crosses a year the official bank holiday list does not cover: the standing rules were used there',
  })
  provisional!: boolean;
}

export class CreateClosureDto {
  @ApiProperty({ example: '2011-12-23' })
  @IsDefined()
  @IsIsoDate()
  date!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Omit for an authority-wide closure' })
  @IsOptional()
  @IsUUID()
  localityId?: string;

  @ApiProperty({ example: 'Offices closed between Christmas and New Year', maxLength: 500 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ClosureListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() localityId?: string;
  @ApiPropertyOptional({ example: '2011-01-01' }) @IsOptional() @IsIsoDate() from?: string;
  @ApiPropertyOptional({ example: '2011-12-31' }) @IsOptional() @IsIsoDate() to?: string;
}

export class ClosureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) localityId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
}

export class ClosurePageDto {
  @ApiProperty({ type: [ClosureDto] }) items!: ClosureDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
