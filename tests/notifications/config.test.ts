import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { renderEmail } from '../../server/notifications/templates.ts';
import { dueReminder } from '../../server/notifications/scheduler.ts';

test('SMTP_URL, MAIL_FROM and PUBLIC_URL are validated together', () => {
  assert.equal(loadConfig({}).mail, null, 'no e-mail without SMTP_URL');
  const full = loadConfig({ SMTP_URL: 'smtp://user:pw@mail.example.gov.vn:587', MAIL_FROM: 'Draftroom <noreply@example.gov.vn>', PUBLIC_URL: 'https://draft.example.gov.vn/' });
  assert.deepEqual(full.mail, { smtpUrl: 'smtp://user:pw@mail.example.gov.vn:587', from: 'Draftroom <noreply@example.gov.vn>' });
  assert.equal(full.publicUrl, 'https://draft.example.gov.vn', 'no trailing slash');
  assert.equal(full.reminderIntervalMs, 60_000);
  const refused: Array<[Record<string, string>, RegExp]> = [
    [{ SMTP_URL: 'http://mail.example.gov.vn', MAIL_FROM: 'a@b.vn', PUBLIC_URL: 'https://x.vn' }, /SMTP_URL must start with smtp/],
    [{ SMTP_URL: 'not a url', MAIL_FROM: 'a@b.vn', PUBLIC_URL: 'https://x.vn' }, /SMTP_URL must be a URL/],
    [{ SMTP_URL: 'smtp://mail.example.gov.vn', PUBLIC_URL: 'https://x.vn' }, /MAIL_FROM must be set/],
    [{ SMTP_URL: 'smtp://mail.example.gov.vn', MAIL_FROM: 'a@b.vn' }, /PUBLIC_URL must be set/],
    [{ MAIL_FROM: 'a@b.vn' }, /MAIL_FROM is set but SMTP_URL is not/],
    [{ PUBLIC_URL: 'ftp://x.vn' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ PUBLIC_URL: 'https://x.vn/?a=1' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ REMINDER_INTERVAL_MS: '10' }, /REMINDER_INTERVAL_MS must be an integer/],
  ];
  for (const [env, message] of refused) assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(env));
});

test('an e-mail escapes what people wrote in its HTML and carries the absolute link', () => {
  const mail = renderEmail({ title: 'Tiêu đề <b>', body: 'Ý kiến “<script>alert(1)</script>” & more', link: '/documents/d1?thread=t1' }, 'Nguyễn <Văn> A', 'https://draft.example.gov.vn');
  assert.equal(mail.subject, '[Draftroom] Tiêu đề <b>');
  assert.ok(!mail.html.includes('<script>') && !mail.html.includes('<Văn>'), mail.html);
  assert.ok(mail.html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
  assert.ok(mail.html.includes('href="https://draft.example.gov.vn/documents/d1?thread=t1"'));
  assert.ok(mail.text.includes('Mở trong Draftroom: https://draft.example.gov.vn/documents/d1?thread=t1'));
  assert.ok(mail.text.includes('Ý kiến “<script>alert(1)</script>” & more'), 'plain text stays as written');
});

test('the reminder due is the latest whose window the clock is in', () => {
  const deadline = '2026-03-10T16:59:59.999Z';
  const at = (iso: string) => Date.parse(iso);
  assert.equal(dueReminder(deadline, at('2026-03-07T16:59:59.998Z')), null);
  assert.equal(dueReminder(deadline, at('2026-03-07T16:59:59.999Z')), 'deadline_in_3_days');
  assert.equal(dueReminder(deadline, at('2026-03-09T16:59:59.999Z')), 'deadline_in_1_day');
  assert.equal(dueReminder(deadline, at('2026-03-10T16:59:59.999Z')), 'deadline_in_1_day');
  assert.equal(dueReminder(deadline, at('2026-03-10T17:00:00.000Z')), 'overdue');
});
