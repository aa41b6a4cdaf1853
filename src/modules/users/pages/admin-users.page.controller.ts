import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { ROLES, type Role } from '../../../common/domain/roles';
import { DomainError } from '../../../common/errors/domain-error';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { formErrorsFrom, type FormFields } from '../../../web/forms/service-errors';
import {
  isStaleVersion,
  staleVersionView,
  type StaleVersionView,
} from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { AgenciesService } from '../../agencies/agencies.service';
import { checked, text, whole } from '../../../web/forms/posted-answers';
import { LocalitiesService } from '../../localities/localities.service';
import { CreateUserDto, UpdateUserDto } from '../dto/user.dto';
import { UsersService } from '../users.service';
import { ROLE_LABELS } from './user-wording';

type UserRow = Awaited<ReturnType<UsersService['get']>>;

const FIELDS: FormFields = {
  displayName: { id: 'displayName', label: 'the user’s name' },
  email: {
    id: 'email',
    label: 'the email address',
    messages: {
      'must be an email': 'Enter an email address in the correct format, like name@example.gov.uk',
    },
  },
  role: { id: 'role', label: 'a role' },
  agencyId: {
    id: 'agencyId',
    label: 'the agency',
    messages: { 'must be a UUID': 'Select the agency' },
  },
  localityIds: {
    id: 'localityIds',
    label: 'the localities',
    messages: { 'must name at least one': 'Select at least one locality for this role' },
  },
  managerUserId: { id: 'managerUserId', label: 'the manager' },
  password: {
    id: 'password',
    label: 'the password',
    messages: { 'must be longer than or equal to': 'Password must be at least 12 characters' },
  },
};

interface UserAnswers {
  displayName: string;
  email: string;
  role: string;
  agencyId: string;
  localityIds: string[];
  managerUserId: string;
  password: string;
}

const EMPTY: UserAnswers = {
  displayName: '',
  email: '',
  role: '',
  agencyId: '',
  localityIds: [],
  managerUserId: '',
  password: '',
};

function answersFrom(posted: Record<string, unknown>): UserAnswers {
  return {
    displayName: text(posted, 'displayName'),
    email: text(posted, 'email'),
    role: text(posted, 'role'),
    agencyId: text(posted, 'agencyId'),
    localityIds: checked(posted, 'localityIds'),
    managerUserId: text(posted, 'managerUserId'),
    password: text(posted, 'password'),
  };
}

/** A refusal the form shows, with messages that name the API's field moved onto the page's. */
function errorsOf(error: unknown): FormErrors {
  if (error instanceof DomainError && error.code === 'ALREADY_EXISTS') {
    const errors = new FormErrors();
    errors.add('email', 'A user with this email address already exists');
    return errors;
  }
  if (error instanceof DomainError && error.code === 'LAST_ACTIVE_ADMIN') {
    const errors = new FormErrors();
    errors.add('role', 'This change would leave no active admin');
    return errors;
  }
  return formErrorsFrom(error, FIELDS, 'displayName');
}

/**
 * The admin's user pages: `/admin/users` (list, find by name), `/admin/users/new` (add),
 * `/admin/users/:id` (change the name, role, agency, localities, manager) and
 * `/admin/users/:id/deactivate` (with a confirmation; it ends the user's sessions).
 */
@PageController('admin/users')
@Access('admin')
export class AdminUsersPageController {
  constructor(
    private readonly users: UsersService,
    private readonly agencies: AgenciesService,
    private readonly localities: LocalitiesService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get()
  async list(
    @Query('name') name: unknown,
    @Query('cursor') cursor: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const find = typeof name === 'string' ? name.trim().slice(0, 200) : '';
    const page = await this.users.list(
      { limit: 50, cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined },
      find || undefined,
    );
    const names = await this.localityNames();
    response.render('admin-users', {
      pageTitle: 'Users',
      currentSection: '/admin/users',
      find,
      users: page.items.map((user) => ({
        id: user.id,
        displayName: user.displayName,
        email: user.email,
        role: ROLE_LABELS[user.role],
        localities: user.localityIds.map((id) => names.get(id) ?? '').join(', '),
        active: user.active,
      })),
      nextHref: page.nextCursor
        ? `/admin/users?${new URLSearchParams({ ...(find ? { name: find } : {}), cursor: page.nextCursor }).toString()}`
        : undefined,
    });
  }

  @Get('new')
  async showNew(@Res() response: Response): Promise<void> {
    await this.renderNew(response, EMPTY, new FormErrors());
  }

  @Post('new')
  async add(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = answersFrom(posted);
    const errors = new FormErrors();
    if (answers.role === '') errors.add('role', 'Select a role');
    if (answers.agencyId === '') errors.add('agencyId', 'Select the agency');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateUserDto,
      input: {
        email: answers.email,
        displayName: answers.displayName,
        role: answers.role || 'practitioner',
        agencyId: answers.agencyId || '00000000-0000-4000-8000-000000000000',
        localityIds: answers.localityIds,
        ...(answers.managerUserId ? { managerUserId: answers.managerUserId } : {}),
        password: answers.password,
      },
      fields: FIELDS,
      firstField: 'displayName',
      errors,
      save: async (input) => {
        const user = await this.users.create(actor, input);
        return { redirectTo: `/admin/users/${user.id}`, flash: { text: 'User added' } };
      },
      refusal: errorsOf,
      showAgain: (shown) => this.renderNew(response, { ...answers, password: '' }, shown),
    });
  }

  @Get(':id')
  async showUser(@IdParam() id: string, @Res() response: Response): Promise<void> {
    const user = await this.users.get(id);
    await this.renderUser(response, user, this.answersOf(user), user.version, new FormErrors());
  }

  @Post(':id')
  async change(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = answersFrom(posted);
    const version = whole(posted, 'version');
    const user = await this.users.get(id);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: UpdateUserDto,
      input: {
        displayName: answers.displayName,
        role: answers.role,
        agencyId: answers.agencyId,
        localityIds: answers.localityIds,
        managerUserId: answers.managerUserId === '' ? null : answers.managerUserId,
        version: Number.isNaN(version) ? 0 : version,
      },
      fields: FIELDS,
      firstField: 'displayName',
      // (This form has no idempotency key, so each post is saved as sent: the version it
      // carries refuses a repeat.)
      save: async (dto) => {
        await this.users.update(actor, id, dto);
        return { redirectTo: `/admin/users/${id}`, flash: { text: 'Changes saved' } };
      },
      refusal: errorsOf,
      showAgain: (shown) => this.renderUser(response, user, answers, version, shown),
      showStale: async () => {
        const latest = await this.users.get(id);
        const stale = staleVersionView(
          { version: latest.version, changedBy: 'Another admin', changedAt: latest.updatedAt },
          `/admin/users/${id}`,
        );
        await this.renderUser(response, latest, answers, latest.version, new FormErrors(), stale);
      },
    });
  }

  @Get(':id/deactivate')
  async confirmDeactivate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const user = await this.users.get(id);
    this.renderDeactivate(response, actor, user, new FormErrors());
  }

  @Post(':id/deactivate')
  async deactivate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const version = whole(posted, 'version');
    const user = await this.users.get(id);
    if (!user.active) {
      await redirectWithFlash(request, response, `/admin/users/${id}`);
      return;
    }
    try {
      await this.users.update(actor, id, {
        active: false,
        version: Number.isNaN(version) ? 0 : version,
      });
      await redirectWithFlash(request, response, `/admin/users/${id}`, {
        text: `${user.displayName} is deactivated and signed out`,
      });
    } catch (error) {
      const errors = new FormErrors();
      if (isStaleVersion(error)) {
        errors.add(
          'confirm',
          'Someone else changed this user after you opened this page: check the details and deactivate again',
        );
      } else if (error instanceof DomainError && error.code === 'LAST_ACTIVE_ADMIN') {
        errors.add('confirm', 'You cannot deactivate the last active admin');
      } else throw error;
      response.status(409);
      this.renderDeactivate(response, actor, await this.users.get(id), errors);
    }
  }

  @Post(':id/reactivate')
  async reactivate(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const version = whole(posted, 'version');
    const user = await this.users.get(id);
    if (user.active || version !== user.version) {
      await redirectWithFlash(request, response, `/admin/users/${id}`);
      return;
    }
    await this.users.update(actor, id, { active: true, version });
    await redirectWithFlash(request, response, `/admin/users/${id}`, {
      text: `${user.displayName} can sign in again`,
    });
  }

  private renderDeactivate(
    response: Response,
    actor: Actor,
    user: UserRow,
    errors: FormErrors,
  ): void {
    response.render('admin-user-deactivate', {
      pageTitle: `Deactivate ${user.displayName}?`,
      currentSection: '/admin/users',
      user,
      self: user.id === actor.id,
      errors,
    });
  }

  private answersOf(user: UserRow): UserAnswers {
    return {
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      agencyId: user.agencyId,
      localityIds: [...user.localityIds],
      managerUserId: user.managerUserId ?? '',
      password: '',
    };
  }

  private async renderNew(
    response: Response,
    answers: UserAnswers,
    errors: FormErrors,
  ): Promise<void> {
    response.render('admin-user-new', {
      pageTitle: 'Add a user',
      currentSection: '/admin/users',
      ...(await this.choices(answers)),
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderUser(
    response: Response,
    user: UserRow,
    answers: UserAnswers,
    version: number,
    errors: FormErrors,
    stale?: StaleVersionView,
  ): Promise<void> {
    response.render('admin-user', {
      pageTitle: user.displayName,
      currentSection: '/admin/users',
      user,
      version,
      ...(await this.choices(answers, user.id)),
      answers,
      errors,
      stale,
    });
  }

  /** The form's radios, checkboxes and selects, with the answers chosen. */
  private async choices(answers: UserAnswers, self?: string): Promise<Record<string, unknown>> {
    const [agencies, localities, managers] = await Promise.all([
      this.agencies.list({ limit: 200 }),
      this.localities.list({ limit: 200 }),
      this.users.list({ limit: 200, active: true }),
    ]);
    return {
      roles: ROLES.map((role: Role) => ({
        value: role,
        text: ROLE_LABELS[role],
        checked: answers.role === role,
      })),
      agencies: [
        { value: '', text: 'Select an agency' },
        ...agencies.items.map((a) => ({
          value: a.id,
          text: a.name,
          selected: answers.agencyId === a.id,
        })),
      ],
      localities: localities.items.map((l) => ({
        value: l.id,
        text: l.name,
        checked: answers.localityIds.includes(l.id),
      })),
      managers: [
        { value: '', text: 'No manager' },
        ...managers.items
          .filter((m) => m.id !== self && m.role !== 'admin')
          .map((m) => ({
            value: m.id,
            text: `${m.displayName} (${ROLE_LABELS[m.role]})`,
            selected: answers.managerUserId === m.id,
          })),
      ],
    };
  }

  private async localityNames(): Promise<Map<string, string>> {
    const page = await this.localities.list({ limit: 200 });
    return new Map(page.items.map((l) => [l.id, l.name]));
  }
}
