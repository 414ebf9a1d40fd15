/**
 * Legacy Vietnamese 8-bit encodings still found in ministry Word files, converted to Unicode
 * NFC. A .docx stores every character as Unicode, so a run typed in a TCVN3 or VNI font holds
 * the Latin-1 characters whose code points are the legacy bytes (TCVN3 "ộ" is byte 0xE9, which
 * Word keeps as "é"); the font name says which table applies.
 *
 * No maintained npm package carries these tables (the few that exist are unmaintained
 * single-author uploads), so they are written here as data, checked by tests built from known
 * words ("Bé Quèc phßng" is how "Bộ Quốc phòng" looks in TCVN3).
 */

/** The legacy encodings the importer converts. */
export type LegacyEncoding = 'tcvn3' | 'tcvn3-upper' | 'vni';

/**
 * TCVN3 (TCVN 5712:1993, the "ABC" fonts .VnTime, .VnArial, …): byte → character. Bytes not
 * listed are ASCII and stay as they are. The ".…H" fonts (.VnTimeH) draw the same bytes as
 * capitals, so their text is converted with this table and then upper-cased.
 */
const TCVN3: Readonly<Record<number, string>> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/**
 * VNI (VNI-Times, VNI-Helve, …): a letter is typed as its base letter followed by mark bytes,
 * so each mark byte maps to Unicode combining marks and NFC composes them with the letter
 * ("Vieät" → "Việt"). A few letters are single bytes (ơ, ư, đ and the i's). Lower- and
 * upper-case marks are separate bytes.
 */
const VNI: Readonly<Record<number, string>> = {
  // tones
  0xf9: ACUTE, 0xd9: ACUTE, 0xf8: GRAVE, 0xd8: GRAVE, 0xfb: HOOK, 0xdb: HOOK, 0xf5: TILDE, 0xd5: TILDE, 0xef: DOT, 0xcf: DOT,
  // circumflex, alone and with a tone
  0xe2: CIRCUMFLEX, 0xc2: CIRCUMFLEX,
  0xe1: CIRCUMFLEX + ACUTE, 0xc1: CIRCUMFLEX + ACUTE, 0xe0: CIRCUMFLEX + GRAVE, 0xc0: CIRCUMFLEX + GRAVE,
  0xe5: CIRCUMFLEX + HOOK, 0xc5: CIRCUMFLEX + HOOK, 0xe3: CIRCUMFLEX + TILDE, 0xc3: CIRCUMFLEX + TILDE,
  0xe4: CIRCUMFLEX + DOT, 0xc4: CIRCUMFLEX + DOT,
  // breve (ă), alone and with a tone
  0xea: BREVE, 0xca: BREVE,
  0xe9: BREVE + ACUTE, 0xc9: BREVE + ACUTE, 0xe8: BREVE + GRAVE, 0xc8: BREVE + GRAVE,
  0xfa: BREVE + HOOK, 0xda: BREVE + HOOK, 0xfc: BREVE + TILDE, 0xdc: BREVE + TILDE,
  0xeb: BREVE + DOT, 0xcb: BREVE + DOT,
  // single-byte letters
  0xf4: 'ơ', 0xd4: 'Ơ', 0xf6: 'ư', 0xd6: 'Ư', 0xf1: 'đ', 0xd1: 'Đ',
  0xec: 'ì', 0xcc: 'Ì', 0xed: 'í', 0xcd: 'Í', 0xe6: 'ỉ', 0xc6: 'Ỉ', 0xf3: 'ĩ', 0xd3: 'Ĩ', 0xf2: 'ị', 0xd2: 'Ị',
};

/**
 * The legacy encoding a font name implies, or null for a Unicode font. TCVN3 fonts are named
 * ".Vn…" (a final "H" marks the capitals font: .VnTimeH, .VnArialH); VNI fonts "VNI-…".
 */
export function legacyEncodingOfFont(font: string | null | undefined): LegacyEncoding | null {
  if (!font) return null;
  const name = font.trim();
  if (/^\.vn/i.test(name)) return /H$/.test(name) ? 'tcvn3-upper' : 'tcvn3';
  if (/^vni[-\s]/i.test(name)) return 'vni';
  return null;
}

/** Maps each character through `table` (characters above U+00FF or not listed stay). */
function mapBytes(text: string, table: Readonly<Record<number, string>>): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += code <= 0xff ? (table[code] ?? char) : char;
  }
  return out;
}

/** Converts text typed in a legacy-encoded font to Unicode NFC. */
export function decodeLegacy(text: string, encoding: LegacyEncoding): string {
  switch (encoding) {
    case 'tcvn3':
      return mapBytes(text, TCVN3).normalize('NFC');
    case 'tcvn3-upper':
      return mapBytes(text, TCVN3).toLocaleUpperCase('vi').normalize('NFC');
    case 'vni':
      return mapBytes(text, VNI).normalize('NFC');
  }
}

const VIETNAMESE_UNICODE = /[\u1ea0-\u1ef9ăắằẳẵặơớờởỡợưứừửữựđĂƠƯĐ]/u;
const TCVN3_SIGNS = /[\u00a8-\u00ae\u00b5-\u00fe]/gu;

/**
 * True when `text` (a whole document's text) looks like TCVN3 typed in a font with a Unicode
 * name: not one Vietnamese Unicode letter, and TCVN3 letter bytes make up at least 3% of the
 * letters. Vietnamese prose has a marked letter in most words, so real TCVN3 is far above
 * that, while Unicode Vietnamese is excluded by its first marked letter.
 */
export function looksLikeTcvn3(text: string): boolean {
  if (VIETNAMESE_UNICODE.test(text)) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return false;
  const signs = text.match(TCVN3_SIGNS)?.length ?? 0;
  return signs / letters >= 0.03;
}
