import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../../common/auth/access.decorators';
import { RedisClient } from '../../common/queue/redis';

interface HealthDownBody {
  statusCode: 503;
  error: string;
  message: string;
  status: 'error';
  details: HealthCheckResult['details'];
}

/** Liveness and readiness: 200 when PostgreSQL and Redis both answer, else 503 saying which. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisClient,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer (no sign-in needed)' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis is down' })
  async check(
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthCheckResult | HealthDownBody> {
    try {
      return await this.runChecks();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Keep the API's error shape, and say which dependency is down.
      const result = error.getResponse() as HealthCheckResult;
      response.status(503);
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `Not ready: ${Object.keys(result.error ?? {}).join(', ')} down`,
        status: 'error',
        details: result.details,
      };
    }
  }

  private runChecks(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2_000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        return (await this.redis.ping())
          ? indicator.up()
          : indicator.down({ message: 'Redis does not answer' });
      },
    ]);
  }
}
