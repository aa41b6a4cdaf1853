import { Trim } from '../../../common/validation/decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';

export const AGENCY_TYPES = [
  'school',
  'health',
  'police',
  'childrens_centre',
  'youth_service',
  'voluntary',
  'social_care',
  'housing',
  'other',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export class CreateAgencyDto {
  @ApiProperty({ example: 'Hillside Primary School', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: AGENCY_TYPES })
  @IsIn(AGENCY_TYPES)
  type!: AgencyType;
}

export class AgencyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_TYPES })
  @IsOptional()
  @IsIn(AGENCY_TYPES)
  type?: AgencyType;
}

export class AgencyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_TYPES }) type!: AgencyType;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
}

export class AgencyPageDto {
  @ApiProperty({ type: [AgencyDto] }) items!: AgencyDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
