import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsUUID } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';

export class AuditQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' })
  @IsDefined()
  @IsUUID()
  childId!: string;
}

export class AuditEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty() at!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ example: 'child.read' }) action!: string;
  @ApiProperty({ example: 'child' }) entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) childId!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
