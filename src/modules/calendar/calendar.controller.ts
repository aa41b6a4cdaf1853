import { Body, Controller, Get, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ALL_ROLES } from '../../common/domain/roles';
import { ErrorResponse } from '../../common/errors/error-response';
import { CalendarService } from './calendar.service';
import {
  AddWorkingDaysDto,
  AddWorkingDaysQuery,
  ClosureDto,
  ClosureListQuery,
  ClosurePageDto,
  CreateClosureDto,
  WorkingDaysDto,
  WorkingDaysQuery,
} from './dto/calendar.dto';

@ApiTags('calendar')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A parameter is missing or not valid' })
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('add-working-days')
  @Access(...ALL_ROLES)
  @ApiOperation({
    summary: 'The days-th working day after date (date is day 0)',
    description:
      'provisional is true when the count crosses a year the official bank holiday list does not cover (the standing rules apply there)',
  })
  async addWorkingDays(@Query() query: AddWorkingDaysQuery): Promise<AddWorkingDaysDto> {
    const answer = await this.calendar.addWorkingDays(query.date, query.days, query.localityId);
    return { date: query.date, days: query.days, ...answer };
  }

  @Get('working-days')
  @Access(...ALL_ROLES)
  @ApiOperation({
    summary: 'Working days after from, up to and including to',
    description:
      'provisional is true when the range crosses a year the official bank holiday list does not cover (the standing rules apply there)',
  })
  async workingDays(@Query() query: WorkingDaysQuery): Promise<WorkingDaysDto> {
    const answer = await this.calendar.workingDaysBetween(query.from, query.to, query.localityId);
    return { from: query.from, to: query.to, ...answer };
  }

  @IdempotentPost('closures')
  @Access('admin')
  @ApiOperation({ summary: 'Add a local closure day, for one locality or authority-wide' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Already recorded' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Unknown locality' })
  createClosure(@CurrentActor() actor: Actor, @Body() body: CreateClosureDto): Promise<ClosureDto> {
    return this.calendar.createClosure(actor, body);
  }

  @Get('closures')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'Local closure days by date' })
  listClosures(@Query() query: ClosureListQuery): Promise<ClosurePageDto> {
    return this.calendar.listClosures(query);
  }
}
