import { randomBytes } from 'node:crypto';
import type { RecordStore } from '../storage/store.ts';
import type { Role, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSessionToken, newSessionToken } from './tokens.ts';

/** Sliding expiry is written back at most this often per session, to spare the record file. */
const EXTEND_EVERY_MS = 60_000;

/** Input for creating an account. */
export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
}

/** What the first start did about the `admin` account. */
export interface AdminBootstrap {
  created: boolean;
  /** The generated password, when none was configured; shown once, never stored in clear. */
  generatedPassword: string | null;
}

/**
 * Accounts and sessions. Session tokens are random and stored only as hashes; a session
 * expires `sessionTtlMs` after its last use and can be revoked. Disabled accounts cannot
 * sign in and their sessions stop working at once.
 */
export class AuthService {
  constructor(private readonly records: RecordStore, private readonly sessionTtlMs: number) {}

  /** Creates the first `secretariat` account `admin` when there is no account at all. */
  async ensureAdmin(configuredPassword: string | null): Promise<AdminBootstrap> {
    const hasUsers = this.records.read((data) => data.users.length > 0);
    if (hasUsers) return { created: false, generatedPassword: null };
    const generatedPassword = configuredPassword === null ? randomBytes(12).toString('base64url') : null;
    await this.createUser({
      username: 'admin',
      password: configuredPassword ?? generatedPassword ?? '',
      displayName: 'Quản trị viên',
      role: 'secretariat',
    });
    return { created: true, generatedPassword };
  }

  /** Checks credentials and opens a session. Throws `ERR_INVALID_CREDENTIALS` on any mismatch. */
  async login(username: string, password: string): Promise<{ token: string; user: UserRecord }> {
    const user = this.findByUsername(username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabled) throw new Errors.InvalidCredentials();
    const token = newSessionToken();
    const now = Date.now();
    await this.records.write((data) => {
      data.sessions = data.sessions.filter((session) => Date.parse(session.expiresAt) > now);
      data.sessions.push({
        tokenHash: hashSessionToken(token),
        userId: user.id,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + this.sessionTtlMs).toISOString(),
      });
    });
    return { token, user };
  }

  /** The active user behind a token, or null (unknown, expired, revoked or disabled). */
  async authenticate(token: string): Promise<UserRecord | null> {
    const tokenHash = hashSessionToken(token);
    const now = Date.now();
    const found = this.records.read((data) => {
      const session = data.sessions.find((candidate) => candidate.tokenHash === tokenHash);
      if (!session || Date.parse(session.expiresAt) <= now) return null;
      const user = data.users.find((candidate) => candidate.id === session.userId);
      return user && !user.disabled ? { user: { ...user }, expiresAt: Date.parse(session.expiresAt) } : null;
    });
    if (!found) return null;
    if (now + this.sessionTtlMs - found.expiresAt > EXTEND_EVERY_MS) {
      await this.records.write((data) => {
        const session = data.sessions.find((candidate) => candidate.tokenHash === tokenHash);
        if (session) session.expiresAt = new Date(now + this.sessionTtlMs).toISOString();
      });
    }
    return found.user;
  }

  /** Revokes the session of `token`; unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    const tokenHash = hashSessionToken(token);
    await this.records.write((data) => {
      data.sessions = data.sessions.filter((session) => session.tokenHash !== tokenHash);
    });
  }

  /** Creates an account. Throws `ERR_USERNAME_TAKEN`, or `ERR_VALIDATION` for a ministry without organisation. */
  async createUser(input: NewUser): Promise<UserRecord> {
    const username = input.username.normalize('NFC').toLowerCase();
    const organizationId = input.organizationId ?? null;
    if (input.role === 'ministry' && organizationId === null) {
      throw new Errors.Validation('a ministry account must belong to an organisation');
    }
    const passwordHash = await hashPassword(input.password);
    const now = new Date().toISOString();
    return this.records.write((data) => {
      if (data.users.some((user) => user.username === username)) throw new Errors.UsernameTaken();
      if (organizationId !== null && !data.organizations.some((org) => org.id === organizationId)) {
        throw new Errors.OrganizationNotFound();
      }
      const user: UserRecord = {
        id: newId(),
        username,
        displayName: input.displayName.normalize('NFC').trim(),
        role: input.role,
        organizationId,
        passwordHash,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      data.users.push(user);
      return { ...user };
    });
  }

  /** Every account, oldest first. */
  listUsers(): UserRecord[] {
    return this.records.read((data) => data.users.map((user) => ({ ...user })));
  }

  private findByUsername(username: string): UserRecord | undefined {
    const wanted = username.normalize('NFC').trim().toLowerCase();
    return this.records.read((data) => data.users.find((user) => user.username === wanted));
  }
}

let dummyHash: Promise<string> | null = null;

/** A valid hash of a random password, used to spend the same time on unknown usernames. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
