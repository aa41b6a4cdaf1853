import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

const YEAR = {
  description:
    'The collection year: the year ending 31 March of it (2025 is 1 April 2024 to 31 March 2025)',
  example: '2025',
};

export class CensusQuery {
  @ApiProperty(YEAR)
  @IsString()
  @Matches(/^\d{4}$/, { message: 'collectionYear must be a four-digit year, e.g. 2025' })
  collectionYear!: string;
}

export class CensusErrorsQuery extends CensusQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CensusFindingDto {
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty({ example: 'closed_without_reason' }) code!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({
    enum: ['child', 'referral', 'initial_assessment', 'core_assessment', 'assessment'],
    description: 'The record to mend',
  })
  subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ example: 'ReasonForClosure', description: 'The census field at fault' })
  field!: string;
  @ApiProperty({ description: "The rule, in the census's terms" }) rule!: string;
  @ApiProperty({ description: 'How to mend the record in Continuum' }) mend!: string;
}

export class CensusErrorsDto {
  @ApiProperty({ example: 2025 }) collectionYear!: number;
  @ApiProperty({ type: [CensusFindingDto] }) items!: CensusFindingDto[];
  @ApiProperty({ description: 'How many of the items are errors' }) errors!: number;
  @ApiProperty({ description: 'How many of the items are warnings' }) warnings!: number;
}
