import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { CAF_DOMAINS, type CafDomain } from '../domain/caf-domains';

export class PreAssessmentDto {
  @ApiProperty({
    enum: CAF_DOMAINS,
    isArray: true,
    description: 'The domains of the CAF that raise concern (none, some or all)',
  })
  @IsDefined({ message: 'concernDomains is required' })
  @IsArray()
  @ArrayMaxSize(CAF_DOMAINS.length)
  @ArrayUnique({ message: 'concernDomains must name each domain at most once' })
  @IsIn(CAF_DOMAINS, { each: true })
  concernDomains!: CafDomain[];

  @ApiProperty({ description: 'Whether a CAF is needed' })
  @IsDefined({ message: 'cafNeeded is required' })
  @IsBoolean()
  cafNeeded!: boolean;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The checklist’s version as last read (0 before the first): a stale one is a 409',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class PreAssessmentView {
  @ApiProperty({ enum: CAF_DOMAINS, isArray: true }) concernDomains!: CafDomain[];
  @ApiProperty() cafNeeded!: boolean;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty() version!: number;
}
