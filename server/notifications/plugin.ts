import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { MailConfig } from '../config.ts';
import { organizationStandings } from '../rounds/status.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import { notificationRoutes } from './routes.ts';
import { ReminderScheduler } from './scheduler.ts';
import { NotificationService } from './service.ts';
import { NotificationStreams } from './streams.ts';
import { NotificationRetention } from './retention.ts';

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationService;
    notificationStreams: NotificationStreams;
    reminders: ReminderScheduler;
    /** Removes notifications past their retention (at start, then daily). */
    notificationRetention: NotificationRetention;
  }
}

/** Options of the notifications plugin. */
export interface NotificationsPluginOptions {
  now: () => number;
  mail: MailConfig | null;
  publicUrl: string | null;
  reminderIntervalMs: number;
  /** How long notifications are kept, read or not. */
  retentionDays: number;
  /** Replaces the SMTP mailer (never set from the environment). */
  mailer?: Mailer;
}

/**
 * Registers notifications (`app.notifications`, the per-user streams, the deadline reminder
 * scheduler started once the app is ready) and their routes. Registered before the domains
 * whose events it announces; it reads their services (`app.comments`) only when reminders run.
 */
export const notificationsPlugin = fp(
  async (app: FastifyInstance, options: NotificationsPluginOptions) => {
    const streams = new NotificationStreams(app.bus, app.log);
    const mailer = options.mailer ?? (options.mail ? smtpMailer(options.mail) : null);
    const service = new NotificationService({ store: app.store.notifications, records: app.store.records, streams, mailer, publicUrl: options.publicUrl, now: options.now, logger: app.log });
    const scheduler = new ReminderScheduler({
      records: app.store.records,
      store: app.store.notifications,
      notifications: service,
      async standings(round, now) {
        const [submissions, threads] = await Promise.all([app.comments.submissionsOf(round.documentId), app.comments.threadsOf(round.documentId)]);
        const organizations = app.store.records.read((data) => new Map(data.organizations.map((org) => [org.id, { ...org }])));
        return organizationStandings(round, now, organizations, submissions, threads);
      },
      now: options.now,
      intervalMs: options.reminderIntervalMs,
      logger: app.log,
    });
    app.decorate('notifications', service);
    app.decorate('notificationStreams', streams);
    app.decorate('reminders', scheduler);
    const retention = new NotificationRetention(app.store.notifications, options.retentionDays, options.now, app.log);
    app.decorate('notificationRetention', retention);
    app.addHook('onReady', async () => {
      scheduler.start();
      retention.start();
    });
    app.addHook('preClose', async () => {
      streams.close();
      await scheduler.stop();
      await retention.stop();
      await service.close();
    });
    // A disabled account or a reset password ends the person's stream at once.
    app.auth.onRevocation((userId) => streams.disconnect(userId));
    await app.register(notificationRoutes);
  },
  { name: 'notifications', dependencies: ['store', 'bus', 'auth', 'audit'] },
);
