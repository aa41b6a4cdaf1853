import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { JwtAuthGuard } from './modules/auth/jwt-auth.guard';
import { RolesGuard } from './common/auth/roles.guard';
import { CommonModule } from './common/common.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { QueueModule } from './common/queue/queue.module';
import type { Settings } from './config/settings';
import { SettingsModule } from './config/settings.module';
import { DatabaseModule } from './database/database.module';
import { AgenciesModule } from './modules/agencies/agencies.module';
import { AreasModule } from './modules/areas/areas.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CalendarPagesModule } from './modules/calendar/pages/calendar-pages.module';
import { CasesModule } from './modules/cases/cases.module';
import { ChildrenModule } from './modules/children/children.module';
import { ChronologyModule } from './modules/chronology/chronology.module';
import { ChildPagesModule } from './modules/children/pages/child-pages.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { HealthModule } from './modules/health/health.module';
import { LocalitiesModule } from './modules/localities/localities.module';
import { AdminLocalitiesPagesModule } from './modules/localities/pages/admin-localities-pages.module';
import { NotesModule } from './modules/notes/notes.module';
import { PanelsModule } from './modules/panels/panels.module';
import { ReferralsModule } from './modules/referrals/referrals.module';
import { KpisModule } from './modules/kpis/kpis.module';
import { KpisPagesModule } from './modules/kpis/pages/kpis-pages.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ReturnsModule } from './modules/returns/returns.module';
import { UsersModule } from './modules/users/users.module';
import { LocalityModule } from './modules/locality/locality.module';
import { MyWorkModule } from './modules/my-work/my-work.module';
import { WebModule } from './web/web.module';
import { WebSessionGuard } from './web/session/web-session.guard';

/**
 * The process's structured log (pino, JSON lines), which Nest's own logger writes through
 * (nestjs-pino). Its request lines come from `requestLogging` (bootstrap.ts), not from
 * nestjs-pino's middleware: that one makes a logger per request and runs each request in an
 * async context, which made every promise of the process dearer (docs/domain.md#qualities).
 */
export const ROOT_LOGGER = Symbol('RootLogger');

export function loggerModule(settings: Settings): DynamicModule {
  const logger = settings.logDestination
    ? pino({ level: settings.env.logLevel }, settings.logDestination)
    : pino({ level: settings.env.logLevel });
  return {
    module: RootLoggerModule,
    global: true,
    imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
    providers: [{ provide: ROOT_LOGGER, useValue: logger }],
    exports: [ROOT_LOGGER],
  };
}

@Module({})
class RootLoggerModule {}

/** Features shared by the HTTP process and the worker. */
export function coreImports(settings: Settings): (DynamicModule | Type)[] {
  return [
    SettingsModule.forRoot(settings),
    loggerModule(settings),
    DatabaseModule,
    QueueModule,
    CommonModule,
  ];
}

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreImports(settings),
        AuthModule,
        UsersModule,
        AgenciesModule,
        LocalitiesModule,
        AreasModule,
        AdminLocalitiesPagesModule,
        CalendarModule,
        CalendarPagesModule,
        ChildrenModule,
        CasesModule,
        ReferralsModule,
        NotesModule,
        PanelsModule,
        ChronologyModule,
        ChildPagesModule,
        RemindersModule,
        KpisModule,
        KpisPagesModule,
        ReturnsModule,
        AuditModule,
        HealthModule,
        DashboardModule,
        WebModule,
        MyWorkModule,
        LocalityModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Pages sign in from their session, the API from its bearer token; then roles.
        { provide: APP_GUARD, useClass: WebSessionGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
