import { DynamicModule, Module } from '@nestjs/common';
import { coreImports } from './app.module';
import { KpisModule } from './modules/kpis/kpis.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import type { Settings } from './config/settings';

@Module({})
export class WorkerModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: WorkerModule,
      imports: [...coreImports(settings), RemindersModule, KpisModule],
    };
  }
}
