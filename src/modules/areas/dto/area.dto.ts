import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { Trim } from '../../../common/validation/decorators';
import { PopulationDto } from '../../localities/dto/locality.dto';

export class CreateAreaDto {
  @ApiProperty({ example: 'Hounslow Heath Children’s Centre', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'HH', description: 'Letters, digits, "-" or "_"', maxLength: 20 })
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits, "-" or "_"' })
  code!: string;

  @ApiProperty({
    example: ['TW3 1', 'TW4 5'],
    description: 'The postcode sectors of the area (outward code and first inward digit)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  postcodeSectors!: string[];
}

export class AreaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) localityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: [String] }) postcodeSectors!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ type: [PopulationDto] }) populations!: PopulationDto[];
}

export class AreaListDto {
  @ApiProperty({ type: [AreaDto] }) items!: AreaDto[];
}
