import { Body, Controller, HttpCode, Req, UseGuards } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { ErrorResponse } from '../../common/errors/error-response';
import { AuthService } from './auth.service';
import { LoginDto, TokenDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @IdempotentPost('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({
    summary: 'Sign in with email and password; rate-limited per address and per email',
  })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiUnauthorizedResponse({
    type: ErrorResponse,
    description: 'Wrong email or password, or deactivated',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many attempts; wait and retry',
  })
  login(@Req() request: Request & { id?: string }, @Body() body: LoginDto): Promise<TokenDto> {
    return this.auth.login(
      { id: null, requestId: String(request.id ?? ''), ip: request.ip ?? null },
      body.email,
      body.password,
    );
  }
}
