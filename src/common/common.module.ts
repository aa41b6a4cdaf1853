import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit/audit-log';
import { AuditLogRepository } from './audit/audit-log.repository';
import { Passwords } from './auth/passwords';
import { Clock, SystemClock } from './clock/clock';
import { IdempotencyRepository } from './idempotency/idempotency.repository';

/** Cross-cutting providers every feature may inject. */
@Global()
@Module({
  providers: [
    AuditLog,
    AuditLogRepository,
    Passwords,
    IdempotencyRepository,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AuditLog, Passwords, IdempotencyRepository, Clock],
})
export class CommonModule {}
