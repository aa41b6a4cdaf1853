import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Passwords } from '../../common/auth/passwords';
import { AuditLog } from '../../common/audit/audit-log';
import { Settings } from '../../config/settings';
import { Database } from '../../database/database';
import { dataPath, writeSecretFile } from '../../runtime/data-dir';
import { AgenciesService } from '../agencies/agencies.service';
import { ActiveUsers } from './active-users';
import { UsersRepository } from './users.repository';

const DEV_ADMIN_EMAIL = 'admin@localhost';
const SYSTEM = { id: null, requestId: 'startup', ip: null };

/**
 * The first admin (docs/domain.md#qualities): created at start when no active admin exists, from
 * ADMIN_EMAIL / ADMIN_PASSWORD, or outside production as admin@localhost with a random
 * password written to `<dataDir>/initial-admin.txt` (never to the log).
 */
@Injectable()
export class InitialAdminService {
  private readonly logger = new Logger('InitialAdmin');

  constructor(
    private readonly db: Database,
    private readonly settings: Settings,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesService,
    private readonly passwords: Passwords,
    private readonly audit: AuditLog,
    private readonly active: ActiveUsers,
  ) {}

  async ensure(): Promise<void> {
    const { adminEmail, adminPassword } = this.settings.env;
    const fromEnv = adminEmail !== undefined && adminPassword !== undefined;
    if (!fromEnv && this.settings.production) {
      if ((await this.db.read((sql) => this.users.countOtherActiveAdmins(sql, null))) === 0) {
        this.logger.warn(
          'No active admin exists: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one',
        );
      }
      return;
    }
    const email = fromEnv ? adminEmail : DEV_ADMIN_EMAIL;
    const password = fromEnv ? adminPassword : randomBytes(18).toString('base64url');
    const passwordHash = await this.passwords.hash(password);

    const created = await this.db.transaction(async (sql) => {
      // Two instances starting together must not both create it.
      await this.users.lockInitialAdmin(sql);
      if ((await this.users.countOtherActiveAdmins(sql, null)) > 0) return false;

      const existing = await this.users.findCredentialsByEmail(sql, email);
      let userId: string;
      if (existing) {
        const current = (await this.users.findById(sql, existing.id))!;
        await this.users.update(sql, existing.id, current.version, {
          role: 'admin',
          active: true,
          passwordHash,
          revokeTokens: true,
        });
        userId = existing.id;
      } else {
        const agency = await this.agencies.firstOrCreate(sql, 'Local authority', 'other');
        userId = await this.users.insert(sql, {
          email,
          displayName: 'Administrator',
          role: 'admin',
          agencyId: agency.id,
          localityIds: [],
          managerUserId: null,
          passwordHash,
        });
      }
      if (!fromEnv) {
        // Written before the commit: an admin must never exist whose password nobody has.
        writeSecretFile(this.passwordFile(), `email: ${email}\npassword: ${password}\n`);
      }
      await this.audit.record(sql, SYSTEM, {
        action: 'user.initial_admin_created',
        entityType: 'user',
        entityId: userId,
        details: { source: fromEnv ? 'ADMIN_EMAIL' : 'generated' },
      });
      return true;
    });
    if (!created) return;
    // An existing user may have been made admin again: no process answers the old one.
    await this.active.changed('*');

    if (fromEnv) {
      this.logger.log(`Created the first admin from ADMIN_EMAIL`);
    } else {
      this.logger.warn(
        `Created the first admin ${email}; its password is in ${this.passwordFile()} (readable only by you)`,
      );
    }
  }

  private passwordFile(): string {
    return dataPath(this.settings.env.dataDir, 'initial-admin.txt');
  }
}
