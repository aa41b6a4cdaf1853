import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Settings } from './settings';

/**
 * Configuration comes from the environment, validated by loadEnv() before Nest starts
 * (so a bad value stops the start with one line); @nestjs/config holds the result.
 */
@Global()
@Module({})
export class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: SettingsModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ settings })] })],
      providers: [{ provide: Settings, useValue: settings }],
      exports: [Settings],
    };
  }
}
