import { Trim } from '../../../common/validation/decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const AGE_BANDS = ['0-4', '5-9', '10-15', '16-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export type PopulationBands = Record<AgeBand, number>;

export class CreateLocalityDto {
  @ApiProperty({ example: 'East', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    example: 'E',
    description: 'Short code: letters, digits, "-" or "_"',
    maxLength: 20,
  })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits, "-" or "_"' })
  code!: string;
}

const MAX_BAND = 10_000_000;

export class PopulationBandsDto implements PopulationBands {
  @ApiProperty({ type: 'integer', name: '0-4', minimum: 0 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(MAX_BAND)
  '0-4'!: number;
  @ApiProperty({ type: 'integer', name: '5-9', minimum: 0 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(MAX_BAND)
  '5-9'!: number;
  @ApiProperty({ type: 'integer', name: '10-15', minimum: 0 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(MAX_BAND)
  '10-15'!: number;
  @ApiProperty({ type: 'integer', name: '16-17', minimum: 0 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(MAX_BAND)
  '16-17'!: number;
}

export class SetPopulationDto {
  @ApiProperty({
    type: 'integer',
    example: 2011,
    description: 'The calendar year whose mid-year estimate this is',
  })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @ApiProperty({ type: PopulationBandsDto })
  @IsDefined()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => PopulationBandsDto)
  bands!: PopulationBandsDto;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'When given, the locality must still be at this version',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class PopulationDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: PopulationBandsDto }) bands!: PopulationBands;
}

export class LocalityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [PopulationDto], description: 'Populations by age band, by year' })
  populations!: PopulationDto[];
}

export class LocalityPageDto {
  @ApiProperty({ type: [LocalityDto] }) items!: LocalityDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
