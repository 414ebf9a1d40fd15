import { resolve } from 'node:path';
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
  /** How often update logs are fdatasync'ed (0: left to the operating system). */
  fsyncIntervalMs: number;
  /** An automatic checkpoint is taken after this long without edits. */
  checkpointIdleMs: number;
  /** Largest accepted WebSocket message, in bytes. */
  maxMessageBytes: number;
  /** Largest accepted HTTP body, in bytes. */
  bodyLimitBytes: number;
  /** Fastify log level, or false to silence logs (`LOG_LEVEL=silent`). */
  logLevel: string | false;
  /** Disk operations of the store; never set from the environment (tests inject write failures). */
  storageIo?: StorageIo;
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

/**
 * Builds the configuration from environment variables (see README "Configuration").
 * Throws `ConfigError` on invalid values, so a bad setting stops the start with a clear message.
 * `overrides` lets tests set fields directly.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const logLevel = env.LOG_LEVEL ?? 'info';
  const config: Config = {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR?.trim() || resolve(projectRoot, 'data')),
    adminPassword: env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length > 0 ? env.ADMIN_PASSWORD : null,
    clientDir: resolve(projectRoot, 'dist', 'client'),
    templatesDir: resolve(projectRoot, 'templates'),
    sessionTtlMs: readInteger(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 365) * 3600_000,
    unloadDelayMs: readInteger(env, 'UNLOAD_DELAY_MS', 10_000, 0, 3600_000),
    fsyncIntervalMs: readInteger(env, 'FSYNC_INTERVAL_MS', 250, 0, 60_000),
    checkpointIdleMs: readInteger(env, 'CHECKPOINT_IDLE_MS', 120_000, 100, 24 * 3600_000),
    maxMessageBytes: readInteger(env, 'MAX_MESSAGE_BYTES', 16 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    bodyLimitBytes: readInteger(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    logLevel: logLevel === 'silent' ? false : logLevel,
    ...overrides,
  };
  if (config.adminPassword !== null && config.adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters long');
  }
  return config;
}
