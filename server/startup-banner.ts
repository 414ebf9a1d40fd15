/** What the startup banner shows. */
export interface StartupFacts {
  /** The address the server listens on, e.g. `http://127.0.0.1:3000`. */
  address: string;
  /** Absolute path of the data directory. */
  dataDir: string;
  /** In the shared mode, the PostgreSQL URL (password hidden), shown instead of the data folder. */
  database?: string | null;
  /** The password generated for `admin` on this start, or null when none was generated. */
  generatedPassword: string | null;
}

/**
 * The plain, human-readable lines printed once the server listens: where to open it, where its
 * data lives and, on the first start of an empty data directory, the generated `admin`
 * password. Vietnamese first, English second, framed so it stands out from the JSON log lines
 * around it. Ends with a newline.
 */
export function formatStartupBanner(facts: StartupFacts): string {
  const lines = [
    'Draftroom đang chạy / is running',
    `  Địa chỉ / Address:             ${facts.address}`,
    facts.database ? `  Cơ sở dữ liệu / Database:      ${facts.database}` : `  Thư mục dữ liệu / Data folder: ${facts.dataDir}`,
  ];
  if (facts.generatedPassword !== null) {
    lines.push(
      '',
      '  Đã tạo tài khoản thư ký "admin" / Created the secretariat account "admin"',
      `  Mật khẩu / Password:           ${facts.generatedPassword}`,
      '  Hãy ghi lại ngay: mật khẩu chỉ hiện một lần. / Write it down now: it is shown only once.',
      '  Đặt ADMIN_PASSWORD để tự chọn mật khẩu. / Set ADMIN_PASSWORD to choose it yourself.',
    );
  }
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)));
  return `\n${rule}\n${lines.join('\n')}\n${rule}\n\n`;
}
