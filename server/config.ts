import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_LOGIN_RULES, type LoginThrottleRules } from './auth/login-throttle.ts';
import type { StorageIo } from './storage/io.ts';

/** Typed runtime configuration, read once from the environment at start. */
export interface Config {
  /** TCP port to listen on (`PORT`, default 3000; 0 picks a free port). */
  port: number;
  /** Interface to bind (`HOST`, default 127.0.0.1). */
  host: string;
  /** Absolute path of the runtime data directory (`DATA_DIR`, default ./data). */
  dataDir: string;
  /** Password for the first `admin` account on an empty data directory (`ADMIN_PASSWORD`). */
  adminPassword: string | null;
  /** Absolute path of the built web client (`dist/client`). */
  clientDir: string;
  /** Absolute path of the templates folder (outlines and seed organisations). */
  templatesDir: string;
  /** How long a session token stays valid after its last use, in milliseconds. */
  sessionTtlMs: number;
  /** How long a document with no connection stays in memory before it is flushed and unloaded. */
  unloadDelayMs: number;
  /** Shared mode: how often each loaded document compares its state with the other processes (`COLLAB_RESYNC_INTERVAL_MS`). */
  collabResyncIntervalMs: number;
  /** How often update logs are fdatasync'ed (0: left to the operating system). */
  fsyncIntervalMs: number;
  /** An automatic checkpoint is taken after this long without edits. */
  checkpointIdleMs: number;
  /** A document's "updated" time follows content edits at most this often (tests shorten it). */
  contentTouchIntervalMs: number;
  /** Memory budget of the cache of revisions' comparable blocks (`COMPARE_CACHE_MB`), in bytes. */
  compareCacheBytes: number;
  /** Largest accepted WebSocket message, in bytes. */
  maxMessageBytes: number;
  /** Largest accepted HTTP body, in bytes. */
  bodyLimitBytes: number;
  /** Bytes queued for one WebSocket client that does not read before it is closed (4508). */
  collabMaxQueuedBytes: number;
  /** Encoded bytes of one client's updates waiting for missing dependencies before it is closed (4522). */
  collabMaxPendingBytes: number;
  /** Updates of one client waiting for missing dependencies before it is closed (4522). */
  collabMaxPendingUpdates: number;
  /** Sustained awareness bytes per second one connection may send (4531 beyond; the burst is 4×). */
  collabAwarenessBytesPerSecond: number;
  /** Client ids one connection may publish awareness for (4531 beyond). */
  collabAwarenessMaxClientIds: number;
  /** Fastify log level, or false to silence logs (`LOG_LEVEL=silent`). */
  logLevel: string | false;
  /**
   * Origins (`scheme://host[:port]`) besides the server's own whose pages may send
   * cookie-authenticated changes and WebSocket upgrades (`ALLOWED_ORIGINS`, comma-separated).
   */
  allowedOrigins: string[];
  /**
   * Which proxies to believe about the client's address and protocol (`TRUST_PROXY`): false
   * (default), true (any), a number of hops, or a list of proxy addresses / CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** The drafting body named in the synthesis table's header block and signature (`DRAFTING_BODY`). */
  draftingBody: string;
  /** The place of the synthesis table's place-and-date line (`DRAFTING_PLACE`, default Hà Nội). */
  draftingPlace: string;
  /** Chromium the server makes PDF files with (`CHROMIUM_PATH`, default /usr/bin/chromium); a missing file turns PDF off (503). */
  chromiumPath: string;
  /** Failed sign-ins allowed per account and per address (fixed; tests lower them). */
  loginRules: LoginThrottleRules;
  /**
   * PostgreSQL of the shared mode (`DATABASE_URL`, a `postgres://` URL); null runs the embedded
   * store in `dataDir`. Set together with `redisUrl`.
   */
  databaseUrl: string | null;
  /** Redis of the shared mode (`REDIS_URL`, a `redis://` or `rediss://` URL); required with `databaseUrl`, refused without it. */
  redisUrl: string | null;
  /** Disk operations of the store; never set from the environment (tests inject write failures). */
  storageIo?: StorageIo;
  /** The clock of consultation rounds and comments (ms since the epoch); never from the environment (tests move it). */
  now?: () => number;
  /** Notification e-mail (`SMTP_URL`, `MAIL_FROM`, `PUBLIC_URL`); null when `SMTP_URL` is unset (no e-mail is sent). */
  mail: MailConfig | null;
  /** Where the web app is reached from outside (`PUBLIC_URL`, no trailing slash), for links in e-mails; null when unset. */
  publicUrl: string | null;
  /** How often the server looks for due deadline reminders (`REMINDER_INTERVAL_MS`, default 60 s). */
  reminderIntervalMs: number;
  /** How long notifications are kept, read or not (`NOTIFICATION_RETENTION_DAYS`, default 365). */
  notificationRetentionDays: number;
}

/** How notification e-mails are sent. */
export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's connection URL). */
  smtpUrl: string;
  /** The sender, e.g. `Draftroom <noreply@example.gov.vn>`. */
  from: string;
}

/** A configuration problem found at start; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const projectRoot = resolve(import.meta.dirname, '..');

/** Parses an integer variable within bounds, or returns the fallback when unset. */
function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Parses `ALLOWED_ORIGINS`: a comma-separated list of http(s) origins, without paths. */
function readOrigins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return [];
  return raw.split(',').map((entry) => {
    const trimmed = entry.trim();
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new ConfigError(`${name} must list origins like https://draft.example.gov.vn, got "${entry.trim()}"`);
    }
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      throw new ConfigError(`${name} must list origins like https://draft.example.gov.vn (no path), got "${entry.trim()}"`);
    }
    return url.origin;
  });
}

/** Parses `TRUST_PROXY`: false / true, a hop count, or proxy addresses and CIDR ranges. */
function readTrustProxy(env: NodeJS.ProcessEnv, name: string): boolean | number | string[] {
  const raw = env[name]?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^[0-9]+$/.test(raw)) return readInteger(env, name, 0, 1, 10);
  return raw.split(',').map((entry) => {
    const trimmed = entry.trim();
    const [address, prefix, extra] = trimmed.split('/');
    const version = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (version === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(`${name} must be true, false, a hop count or proxy addresses / CIDR ranges, got "${trimmed}"`);
    }
    return trimmed;
  });
}

/** The URL in variable `name`, or null when unset or blank; `unparsable` is the error when it is not a URL. */
function urlVariable(env: NodeJS.ProcessEnv, name: string, unparsable: string): { raw: string; url: URL } | null {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return null;
  try {
    return { raw, url: new URL(raw) };
  } catch {
    throw new ConfigError(unparsable);
  }
}

/** Parses a server URL variable whose scheme must be one of `schemes`; unset or blank is null. */
function readServerUrl(env: NodeJS.ProcessEnv, name: string, schemes: readonly string[], example: string): string | null {
  // The message leaves the value out: a database URL may hold a password.
  const parsed = urlVariable(env, name, `${name} must be a URL like ${example}`);
  if (parsed === null) return null;
  const { raw, url } = parsed;
  if (!schemes.includes(url.protocol) || url.hostname === '') {
    throw new ConfigError(`${name} must be a URL like ${example} (${schemes.join(' or ')}), got a ${url.protocol} URL`);
  }
  return raw;
}

/** `DATABASE_URL` and `REDIS_URL`: both (the shared mode) or neither (the embedded mode). */
function readSharedMode(env: NodeJS.ProcessEnv): { databaseUrl: string | null; redisUrl: string | null } {
  const databaseUrl = readServerUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://draftroom@db.internal:5432/draftroom');
  const redisUrl = readServerUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://cache.internal:6379');
  if (databaseUrl !== null && redisUrl === null) throw new ConfigError('REDIS_URL must be set together with DATABASE_URL (the shared mode needs both)');
  if (redisUrl !== null && databaseUrl === null) throw new ConfigError('REDIS_URL is only used with DATABASE_URL; set DATABASE_URL too, or unset REDIS_URL for the embedded mode');
  return { databaseUrl, redisUrl };
}

/** Parses `PUBLIC_URL`: an http(s) URL without query or fragment; returned without a trailing slash. */
function readPublicUrl(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim() ?? '';
  const parsed = urlVariable(env, name, `${name} must be a URL like https://draft.example.gov.vn, got "${raw}"`);
  if (parsed === null) return null;
  const { url } = parsed;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(`${name} must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Reads `SMTP_URL` and `MAIL_FROM`; both or neither (and then no e-mail). E-mail links need `PUBLIC_URL`. */
function readMail(env: NodeJS.ProcessEnv, publicUrl: string | null): MailConfig | null {
  const smtpUrl = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() ?? '';
  if (smtpUrl === '') {
    if (from !== '') throw new ConfigError('MAIL_FROM is set but SMTP_URL is not: set SMTP_URL to send e-mail, or remove MAIL_FROM');
    return null;
  }
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL like smtp://user:password@mail.example.gov.vn:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}"`);
  if (!/^[^<>\s@]+@[^<>\s@]+$|<[^<>\s@]+@[^<>\s@]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM must be set with SMTP_URL, as an address or "Name <address>"');
  }
  if (publicUrl === null) throw new ConfigError('PUBLIC_URL must be set with SMTP_URL: e-mails link to the web app');
  return { smtpUrl, from: from.normalize('NFC') };
}

/**
 * Builds the configuration from environment variables (see README "Configuration").
 * Throws `ConfigError` on invalid values, so a bad setting stops the start with a clear message.
 * `overrides` lets tests set fields directly.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const logLevel = env.LOG_LEVEL ?? 'info';
  const publicUrl = readPublicUrl(env, 'PUBLIC_URL');
  const config: Config = {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || resolve(projectRoot, 'data')),
    adminPassword: env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length > 0 ? env.ADMIN_PASSWORD : null,
    clientDir: resolve(projectRoot, 'dist', 'client'),
    templatesDir: resolve(projectRoot, 'templates'),
    sessionTtlMs: readInteger(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 365) * 3600_000,
    unloadDelayMs: readInteger(env, 'UNLOAD_DELAY_MS', 10_000, 0, 3600_000),
    collabResyncIntervalMs: readInteger(env, 'COLLAB_RESYNC_INTERVAL_MS', 30_000, 100, 3600_000),
    fsyncIntervalMs: readInteger(env, 'FSYNC_INTERVAL_MS', 250, 0, 60_000),
    checkpointIdleMs: readInteger(env, 'CHECKPOINT_IDLE_MS', 120_000, 100, 24 * 3600_000),
    contentTouchIntervalMs: 60_000,
    compareCacheBytes: readInteger(env, 'COMPARE_CACHE_MB', 128, 0, 64 * 1024) * 1024 * 1024,
    maxMessageBytes: readInteger(env, 'MAX_MESSAGE_BYTES', 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    bodyLimitBytes: readInteger(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    collabMaxQueuedBytes: readInteger(env, 'COLLAB_MAX_QUEUED_BYTES', 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    collabMaxPendingBytes: readInteger(env, 'COLLAB_MAX_PENDING_BYTES', 1024 * 1024, 1024, 256 * 1024 * 1024),
    collabMaxPendingUpdates: readInteger(env, 'COLLAB_MAX_PENDING_UPDATES', 500, 1, 1_000_000),
    collabAwarenessBytesPerSecond: readInteger(env, 'COLLAB_AWARENESS_BYTES_PER_SECOND', 32 * 1024, 1024, 64 * 1024 * 1024),
    collabAwarenessMaxClientIds: readInteger(env, 'COLLAB_AWARENESS_MAX_CLIENT_IDS', 4, 1, 1000),
    logLevel: logLevel === 'silent' ? false : logLevel,
    allowedOrigins: readOrigins(env, 'ALLOWED_ORIGINS'),
    trustProxy: readTrustProxy(env, 'TRUST_PROXY'),
    draftingBody: env.DRAFTING_BODY?.trim().normalize('NFC') || 'Tổ biên soạn',
    draftingPlace: env.DRAFTING_PLACE?.trim().normalize('NFC') || 'Hà Nội',
    chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    loginRules: DEFAULT_LOGIN_RULES,
    publicUrl,
    mail: readMail(env, publicUrl),
    reminderIntervalMs: readInteger(env, 'REMINDER_INTERVAL_MS', 60_000, 1000, 24 * 3600_000),
    notificationRetentionDays: readInteger(env, 'NOTIFICATION_RETENTION_DAYS', 365, 1, 3650),
    ...readSharedMode(env),
    ...overrides,
  };
  if (config.adminPassword !== null && config.adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters long');
  }
  return config;
}
