import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { RenderedEmail } from './templates.ts';

/** Sends one e-mail; rejects when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(to: { name: string; address: string }, email: RenderedEmail): Promise<void>;
  /** Closes pooled connections. */
  close(): void;
}

/** A mailer over SMTP (nodemailer) for `SMTP_URL`, sending as `MAIL_FROM`. */
export function smtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(to, email) {
      await transport.sendMail({
        from: config.from,
        to: { name: to.name, address: to.address },
        subject: email.subject,
        text: email.text,
        html: email.html,
        textEncoding: 'base64',
      });
    },
    close() {
      transport.close();
    },
  };
}
