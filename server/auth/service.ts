import { randomBytes } from 'node:crypto';
import type { RecordStore, SessionStore } from '../storage/store.ts';
import type { Role, UserRecord } from '../storage/records.ts';
import { Errors } from '../errors.ts';
import { newId } from '../ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSessionToken, newSessionToken } from './tokens.ts';

/** Sliding expiry is written back at most this often per session, to spare the disk. */
const EXTEND_EVERY_MS = 60_000;

/** Input for creating an account. */
export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
  email?: string | null;
}

/** An e-mail address as stored: NFC, trimmed, the domain in lower case; null for none. */
function cleanEmail(email: string | null | undefined): string | null {
  const trimmed = email?.normalize('NFC').trim() ?? '';
  if (trimmed === '') return null;
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/** Changes the secretariat may make to an account. */
export interface UserChanges {
  displayName?: string;
  role?: Role;
  organizationId?: string | null;
  email?: string | null;
  disabled?: boolean;
}

/** Called when a user's sessions were revoked (disabled, password reset or changed). */
export type RevocationListener = (userId: string) => void;

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
  private readonly revocationListeners: RevocationListener[] = [];

  constructor(private readonly records: RecordStore, private readonly sessions: SessionStore, private readonly sessionTtlMs: number) {}

  /** Subscribes to revocations, e.g. to close the user's open sockets at once. */
  onRevocation(listener: RevocationListener): void {
    this.revocationListeners.push(listener);
  }

  /** Creates the first `secretariat` account `admin` when there is no account at all. */
  async ensureAdmin(configuredPassword: string | null): Promise<AdminBootstrap> {
    const hasUsers = this.records.read((data) => data.users.length > 0);
    if (hasUsers) return { created: false, generatedPassword: null };
    const generatedPassword = configuredPassword === null ? randomBytes(12).toString('base64url') : null;
    try {
      await this.createUser({
        username: 'admin',
        password: configuredPassword ?? generatedPassword ?? '',
        displayName: 'Quản trị viên',
        role: 'secretariat',
      });
    } catch (error) {
      // Another process sharing the database created it first.
      if (error instanceof Errors.UsernameTaken) return { created: false, generatedPassword: null };
      throw error;
    }
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
    await this.sessions.pruneExpired(now);
    await this.sessions.put({
      tokenHash: hashSessionToken(token),
      userId: user.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.sessionTtlMs).toISOString(),
    });
    return { token, user };
  }

  /** The active user behind a token, or null (unknown, expired, revoked or disabled). */
  async authenticate(token: string): Promise<UserRecord | null> {
    const tokenHash = hashSessionToken(token);
    const now = Date.now();
    const session = await this.sessions.get(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= now) return null;
    const found = this.records.read((data) => data.users.find((candidate) => candidate.id === session.userId));
    if (!found || found.disabled) return null;
    if (now + this.sessionTtlMs - Date.parse(session.expiresAt) > EXTEND_EVERY_MS) {
      await this.sessions.put({ ...session, expiresAt: new Date(now + this.sessionTtlMs).toISOString() });
    }
    return { ...found };
  }

  /** Revokes the session of `token`; unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    const tokenHash = hashSessionToken(token);
    await this.sessions.remove(tokenHash);
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
        email: cleanEmail(input.email),
        passwordHash,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      data.users.push(user);
      return { ...user };
    });
  }

  /**
   * Edits an account. Disabling it revokes its sessions at once. Throws
   * `ERR_USER_NOT_FOUND`, `ERR_ORGANIZATION_NOT_FOUND`, `ERR_VALIDATION` (a ministry account
   * without organisation) or `ERR_LAST_SECRETARIAT` (no active secretariat would remain).
   */
  async updateUser(id: string, changes: UserChanges): Promise<UserRecord> {
    const updated = await this.records.write((data) => {
      const user = data.users.find((candidate) => candidate.id === id);
      if (!user) throw new Errors.UserNotFound();
      const next: UserRecord = {
        ...user,
        displayName: changes.displayName === undefined ? user.displayName : changes.displayName.normalize('NFC').trim(),
        role: changes.role ?? user.role,
        organizationId: changes.organizationId === undefined ? user.organizationId : changes.organizationId,
        email: changes.email === undefined ? (user.email ?? null) : cleanEmail(changes.email),
        disabled: changes.disabled ?? user.disabled,
        updatedAt: new Date().toISOString(),
      };
      if (next.role === 'ministry' && next.organizationId === null) {
        throw new Errors.Validation('a ministry account must belong to an organisation');
      }
      if (next.organizationId !== null && !data.organizations.some((org) => org.id === next.organizationId)) {
        throw new Errors.OrganizationNotFound();
      }
      const usersAfter = data.users.map((candidate) => (candidate.id === id ? next : candidate));
      if (!usersAfter.some((candidate) => candidate.role === 'secretariat' && !candidate.disabled)) throw new Errors.LastSecretariat();
      Object.assign(user, next);
      return { ...user };
    });
    if (updated.disabled) await this.sessions.removeUser(id);
    // A role change matters to open sockets too (read-only or not), so they reconnect.
    if (changes.disabled === true || changes.role !== undefined || changes.organizationId !== undefined) this.notifyRevocation(id);
    return updated;
  }

  /** Sets a new password chosen by the secretariat and revokes every session of the user. */
  async resetPassword(id: string, password: string): Promise<UserRecord> {
    const passwordHash = await hashPassword(password);
    const user = await this.records.write((data) => {
      const found = data.users.find((candidate) => candidate.id === id);
      if (!found) throw new Errors.UserNotFound();
      found.passwordHash = passwordHash;
      found.updatedAt = new Date().toISOString();
      return { ...found };
    });
    await this.sessions.removeUser(id);
    this.notifyRevocation(id);
    return user;
  }

  /**
   * Changes one's own password after checking the current one (`ERR_INVALID_CREDENTIALS`).
   * Every other session of the user is revoked; the one identified by `keepToken` stays.
   */
  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string, keepToken: string | null): Promise<void> {
    const user = this.records.read((data) => data.users.find((candidate) => candidate.id === userId));
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new Errors.InvalidCredentials();
    const passwordHash = await hashPassword(newPassword);
    const keep = keepToken === null ? null : hashSessionToken(keepToken);
    await this.records.write((data) => {
      const found = data.users.find((candidate) => candidate.id === userId);
      if (!found) throw new Errors.UserNotFound();
      found.passwordHash = passwordHash;
      found.updatedAt = new Date().toISOString();
    });
    await this.sessions.removeUser(userId, keep);
    this.notifyRevocation(userId);
  }

  /** The account with this id, or undefined. */
  findUser(id: string): UserRecord | undefined {
    const found = this.records.read((data) => data.users.find((user) => user.id === id));
    return found ? { ...found } : undefined;
  }

  /**
   * True while the session behind `tokenHash` is valid and its user active; used to re-check
   * long-lived sockets without extending the session.
   */
  isSessionActive(tokenHash: string, now = Date.now()): boolean {
    const session = this.sessions.peek(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= now) return false;
    const user = this.records.read((data) => data.users.find((candidate) => candidate.id === session.userId));
    return user !== undefined && !user.disabled;
  }

  /**
   * Runs the consequences of a revocation another server process made (its sessions removed,
   * the account disabled or its role changed there): the same listeners as a local one. The
   * fan-out between processes calls it; it tells no other process.
   */
  applyRemoteRevocation(userId: string): void {
    this.notifyRevocation(userId);
  }

  private notifyRevocation(userId: string): void {
    for (const listener of this.revocationListeners) listener(userId);
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
  // A refusal (hashing busy) must not be remembered, or unknown usernames would stay refused.
  dummyHash ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
    dummyHash = null;
    throw error;
  });
  return dummyHash;
}
